import type { Clock } from '../time/clock.ts';

/**
 * At most `limit` uses per key in each window of `windowMs` (a fixed window: simple, and enough to
 * keep one client from flooding a form). In memory, per process; past `maxKeys` keys the expired go
 * first, then the oldest, so a flood of distinct keys cannot grow memory without bound.
 */
export function createRateLimiter({ limit, windowMs, clock, maxKeys = 10_000 }: { limit: number; windowMs: number; clock: Clock; maxKeys?: number }) {
  const windows = new Map<string, { start: number; count: number }>();

  const prune = (now: number) => {
    for (const [key, window] of windows) if (now - window.start >= windowMs) windows.delete(key);
    while (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
  };

  return {
    /** Counts one use; 0 when allowed, else the milliseconds until the key may try again. */
    take(key: string): number {
      const now = clock.now().getTime();
      let window = windows.get(key);
      if (!window || now - window.start >= windowMs) {
        if (!window && windows.size >= maxKeys) prune(now);
        window = { start: now, count: 0 };
        windows.delete(key);
        windows.set(key, window);
      }
      if (window.count >= limit) return Math.max(1, window.start + windowMs - now);
      window.count += 1;
      return 0;
    },
    /** Gives back a use that did not happen after all (the mail could not be sent). */
    refund(key: string): void {
      const window = windows.get(key);
      if (window && window.count > 0) window.count -= 1;
    },
  };
}
