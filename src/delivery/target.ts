/** What a target is given to perform one delivery. */
export interface DeliveryJob {
  id: number;
  publicationId: number;
  target: string;
  /** Stable for the (publication, target) pair: sent along wherever the platform can keep it. */
  idempotencyKey: string;
  /** The platform's id of what an earlier attempt created, when it was recorded. */
  externalId: string | null;
  /**
   * Earlier attempts, counting one cut short by a crash. When above zero the platform may already
   * have the message: a target checks there first wherever the platform lets it.
   */
  attempts: number;
}

/** One place a publication goes: the status page, a chat channel, a webhook… */
export interface DeliveryTarget {
  readonly name: string;
  /** Performs the delivery; must be safe to repeat with the same idempotency key. */
  /** Resolves to 'already-delivered' when it found the platform already had it (after a crash). */
  deliver(delivery: DeliveryJob): Promise<void | 'already-delivered'>;
}

/** A failure that retrying cannot fix (the channel is gone, the token revoked): that target stops. */
export class PermanentDeliveryError extends Error {
  override name = 'PermanentDeliveryError';
}

/** A transient failure whose platform said when to come back (HTTP 429 or 503 with Retry-After). */
export class RetryLaterError extends Error {
  override name = 'RetryLaterError';
  readonly retryAfterMs: number;
  /**
   * Whether `retryAfterMs` is the whole wait. Otherwise it is the least one, and the work loop's
   * backoff by attempts applies when longer; work that tracks its own progress (a room job's
   * steps) says exactly when to come back.
   */
  readonly exact: boolean;
  constructor(message: string, retryAfterMs: number, options: { exact?: boolean } = {}) {
    super(message);
    this.retryAfterMs = retryAfterMs;
    this.exact = options.exact ?? false;
  }
}

export type TargetRegistry = ReadonlyMap<string, DeliveryTarget>;

export function targetRegistry(targets: readonly DeliveryTarget[]): TargetRegistry {
  return new Map(targets.map((target) => [target.name, target]));
}

/** A delivery's target is named "<type>" or "<type>:<which>" (e.g. "channel:12"); the type picks the target. */
export function targetFor(registry: TargetRegistry, name: string): DeliveryTarget | undefined {
  return registry.get(name) ?? registry.get(name.split(':')[0]!);
}
