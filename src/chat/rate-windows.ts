import { setTimeout as sleep } from 'node:timers/promises';

/** While a window is full of calls awaiting their answer, how often it is looked at again. */
const pollMs = 5;

/** At most `limit` calls of `key` in any `ms` milliseconds. */
export interface RateWindow {
  key: string;
  limit: number;
  ms: number;
}

/**
 * Spaces calls within a platform's sliding-window limits, so that crisisroom provokes no rate limit
 * it could have avoided. Windows are kept `margin` longer than the platform's, for the difference
 * between its count and ours. A call counts from when it is sent until its answer comes, and then
 * from the answer: the platform counted it on its arrival, at the latest then, so spacing from the
 * answer keeps the spacing the platform sees however slow the way there, or back, was.
 */
export function createRateWindows({ margin = 1.025 }: { margin?: number } = {}) {
  /** Per key: the answers of the calls made, oldest first, and how many calls await their answer. */
  const counts = new Map<string, { answered: number[]; flying: number }>();
  const countOf = (key: string) => counts.get(key) ?? counts.set(key, { answered: [], flying: 0 }).get(key)!;

  /** How long until one more call fits every window. */
  function waitFor(windows: readonly RateWindow[]): number {
    const now = performance.now();
    let wait = 0;
    for (const { key, limit, ms } of windows) {
      const span = ms * margin;
      const count = countOf(key);
      // A call still awaiting its answer counts until it comes, however long that takes.
      count.answered = count.answered.filter((at) => at > now - span);
      const room = limit - count.flying;
      if (room <= 0) wait = Math.max(wait, pollMs);
      else if (count.answered.length >= room) wait = Math.max(wait, count.answered[count.answered.length - room]! + span - now);
    }
    return wait;
  }

  /**
   * Runs `work` once every window has room. A wait longer than `longestWaitMs` is not sat out:
   * `tooLong(wait)` is thrown instead, so the caller can come back in time without holding a worker.
   */
  async function run<T>(
    windows: readonly RateWindow[],
    work: () => Promise<T>,
    tooLong?: { longestWaitMs: number; error: (waitMs: number) => Error },
  ): Promise<T> {
    for (;;) {
      const wait = waitFor(windows);
      if (wait === 0) break;
      if (tooLong && wait > tooLong.longestWaitMs) throw tooLong.error(wait);
      await sleep(wait);
    }
    for (const { key } of windows) countOf(key).flying++;
    try {
      return await work();
    } finally {
      const answered = performance.now();
      for (const { key } of windows) {
        const count = countOf(key);
        count.flying--;
        count.answered.push(answered);
      }
    }
  }

  return { run, waitFor };
}

export type RateWindows = ReturnType<typeof createRateWindows>;
