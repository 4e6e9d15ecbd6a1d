import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces requests at least `intervalMs` apart, in the order they asked, so one process stays under
 * a per-key rate limit instead of being refused by it. It measures with the monotonic timer, not the
 * Clock: it spaces real elapsed time, which a clock that is set or corrected must not stretch or shrink.
 */
export function requestSpacing(intervalMs: number) {
  let nextStart = 0;
  return {
    /** Resolves when the caller may send its request. */
    async turn(): Promise<void> {
      const now = performance.now();
      const start = Math.max(now, nextStart);
      nextStart = start + intervalMs;
      if (start > now) await sleep(start - now);
    },
    /** The platform asked for a pause (Retry-After): nobody sends before it is over. */
    holdOff(ms: number): void {
      nextStart = Math.max(nextStart, performance.now() + ms);
    },
  };
}
