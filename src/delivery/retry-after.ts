/** A Retry-After longer than this is read as this: a platform cannot park a delivery for days. */
const longestWaitMs = 60 * 60 * 1000;

/**
 * When a platform asked to be retried (RFC 9110 Retry-After: seconds, or an HTTP date), in
 * milliseconds from `now`; null when it did not say, or said something unreadable.
 */
export function retryAfterMs(header: string | string[] | undefined, now: Date): number | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, longestWaitMs);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - now.getTime(), 0), longestWaitMs);
}
