import { describe, expect, test } from 'vitest';
import { createPace } from '../../src/chat/pace.ts';
import { createRateWindows } from '../../src/chat/rate-windows.ts';

/** The most of `times` (ms, any order) that fall in any window of `ms`. */
function mostInAnyWindow(times: number[], ms: number): number {
  const sorted = times.toSorted((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= ms) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe('the pace of a workspace’s calls', () => {
  test('no second holds more calls than the rate, while the calls keep the rate, a busy event loop notwithstanding', async () => {
    const pace = createPace(20);
    const started: number[] = [];
    const begun = performance.now();
    // The event loop is held now and then, as a process busy with its database holds it.
    const busy = setInterval(() => {
      const until = performance.now() + 15;
      while (performance.now() < until);
    }, 100);
    await Promise.all(Array.from({ length: 80 }, () => pace.add(async () => void started.push(performance.now()))));
    clearInterval(busy);
    expect(mostInAnyWindow(started, 1000)).toBe(20);
    // 80 calls at 20 a second: the last goes out after three full windows, and not much later.
    const last = Math.max(...started) - begun;
    expect(last).toBeGreaterThanOrEqual(3000);
    expect(last).toBeLessThan(3600);
  });

  test('the highest priority goes first when a turn comes, then the order of asking', async () => {
    const pace = createPace(5);
    await Promise.all(Array.from({ length: 5 }, () => pace.add(async () => undefined)));
    const order: string[] = [];
    const asked = [
      ['first', 0],
      ['retry', 1],
      ['second', 0],
      ['room', 2],
      ['edit', -1],
    ] as const;
    await Promise.all(asked.map(([name, priority]) => pace.add(async () => void order.push(name), { priority })));
    expect(order).toEqual(['room', 'retry', 'first', 'second', 'edit']);
  });

  test('a call still awaiting its answer counts however long it takes, so a slow answer makes no room', async () => {
    const windows = createRateWindows({ margin: 1 });
    const limits = [{ key: 'k', limit: 1, ms: 50 }];
    let answer!: () => void;
    const slow = windows.run(limits, () => new Promise<void>((resolve) => (answer = resolve)));
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(windows.waitFor(limits)).toBeGreaterThan(0);
    answer();
    await slow;
    // Counted from the answer: a full window from it.
    expect(windows.waitFor(limits)).toBeGreaterThan(40);
  });
});
