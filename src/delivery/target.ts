/** One place a publication goes: the status page, a chat channel, a webhook… */
export interface DeliveryTarget {
  readonly name: string;
  /** Performs the delivery; must be safe to repeat with the same idempotency key. */
  deliver(delivery: { id: number; publicationId: number; idempotencyKey: string }): Promise<void>;
}

export type TargetRegistry = ReadonlyMap<string, DeliveryTarget>;

export function targetRegistry(targets: readonly DeliveryTarget[]): TargetRegistry {
  return new Map(targets.map((target) => [target.name, target]));
}
