import { setTimeout as sleep } from 'node:timers/promises';

/** At most `limit` calls of `key` in any `ms` milliseconds. */
export interface RateWindow {
  key: string;
  limit: number;
  ms: number;
}

/** Windows are kept 2.5% longer than the platform's, for the difference between its clock and ours. */
const margin = 1.025;

/**
 * Spaces calls within a platform's sliding-window limits, so that crisisroom provokes no rate limit
 * it could have avoided. A call is counted from when it is sent until its answer comes, then from
 * the answer: the platform counted it on its arrival, at the latest then, so spacing from the answer
 * keeps the spacing the platform sees however slow the way there was.
 */
export function createRateWindows() {
  const recent = new Map<string, number[]>();

  /** How long until one more call fits every window. */
  function waitFor(windows: readonly RateWindow[]): number {
    const now = performance.now();
    let wait = 0;
    for (const { key, limit, ms } of windows) {
      const span = ms * margin;
      const times = (recent.get(key) ?? []).filter((at) => at > now - span);
      recent.set(key, times);
      if (times.length >= limit) wait = Math.max(wait, times[times.length - limit]! + span - now);
    }
    return wait;
  }

  /**
   * Runs `work` once every window has room. A wait longer than `longestWaitMs` is not sat out:
   * `tooLong(wait)` is thrown instead, so the caller can come back in time without holding a worker.
   */
  async function run<T>(windows: readonly RateWindow[], work: () => Promise<T>, tooLong?: { longestWaitMs: number; error: (waitMs: number) => Error }): Promise<T> {
    for (;;) {
      const wait = waitFor(windows);
      if (wait === 0) break;
      if (tooLong && wait > tooLong.longestWaitMs) throw tooLong.error(wait);
      await sleep(wait);
    }
    const slot = performance.now();
    for (const { key } of windows) recent.get(key)!.push(slot);
    try {
      return await work();
    } finally {
      const answered = performance.now();
      for (const { key } of windows) {
        const times = recent.get(key)!;
        const at = times.indexOf(slot);
        if (at >= 0) times[at] = answered;
        times.sort((a, b) => a - b);
      }
    }
  }

  return { run, waitFor };
}

export type RateWindows = ReturnType<typeof createRateWindows>;
