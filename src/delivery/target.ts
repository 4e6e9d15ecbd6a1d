/** One place a publication goes: the status page, a chat channel, a webhook… */
export interface DeliveryTarget {
  readonly name: string;
  /** Performs the delivery; must be safe to repeat with the same idempotency key. */
  deliver(delivery: { id: number; publicationId: number; target: string; idempotencyKey: string; externalId: string | null }): Promise<void>;
}

/** A failure that retrying cannot fix (the channel is gone, the token revoked): that target stops. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

export type TargetRegistry = ReadonlyMap<string, DeliveryTarget>;

export function targetRegistry(targets: readonly DeliveryTarget[]): TargetRegistry {
  return new Map(targets.map((target) => [target.name, target]));
}

/** A delivery's target is named "<type>" or "<type>:<which>" (e.g. "channel:12"); the type picks the target. */
export function targetFor(registry: TargetRegistry, name: string): DeliveryTarget | undefined {
  return registry.get(name) ?? registry.get(name.split(':')[0]!);
}
