/**
 * A webhook endpoint's signing secrets, as Standard Webhooks shapes them ("whsec_" and base64 of
 * random bytes), stored newest first. Rotating keeps the previous secret signing beside the new one
 * for a grace period, so a receiver can switch secrets without losing or rejecting a message.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

/** How long a replaced secret keeps signing: receivers have a day to deploy the new one. */
const rotationGraceMs = 24 * 60 * 60 * 1000;

const StoredSecret = z.object({
  secret: z.string().startsWith('whsec_'),
  /** ISO instant after which this secret no longer signs; null for the current secret. */
  until: z.iso.datetime().nullable(),
});
type StoredSecret = z.infer<typeof StoredSecret>;
const StoredSecrets = z.array(StoredSecret);

/** 32 random bytes: Standard Webhooks asks for 24 to 64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

export function parseSecrets(json: string): StoredSecret[] {
  return StoredSecrets.parse(JSON.parse(json));
}

/** The first secret of an endpoint. */
export function initialSecrets(secret: string): string {
  return JSON.stringify([{ secret, until: null }] satisfies StoredSecret[]);
}

/** The secrets that sign a message sent at `now`, newest first. */
export function signingSecrets(json: string, now: Date): string[] {
  return parseSecrets(json)
    .filter((stored) => stored.until === null || new Date(stored.until) > now)
    .map((stored) => stored.secret);
}

/**
 * A new current secret; the one it replaces signs for the grace period, and secrets whose grace
 * is over are dropped. A second rotation within the grace period keeps the older secrets' own ends.
 */
export function rotatedSecrets(json: string, secret: string, now: Date): { json: string; previousUntil: Date } {
  const previousUntil = new Date(now.getTime() + rotationGraceMs);
  const kept = parseSecrets(json)
    .map((stored) => (stored.until === null ? { ...stored, until: previousUntil.toISOString() } : stored))
    .filter((stored) => stored.until !== null && new Date(stored.until) > now);
  return { json: JSON.stringify([{ secret, until: null }, ...kept]), previousUntil };
}
