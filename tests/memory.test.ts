import { constants, type NodeGCPerformanceDetail, PerformanceObserver } from 'node:perf_hooks';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { afterEach, expect, test } from 'vitest';
import { collectWhileBusy } from '../src/memory.ts';

let stop = () => {};
afterEach(() => stop());

/** Full collections asked for (not V8's own), counted as they happen. */
function countForcedCollections(): { count(): number; stop(): void } {
  let forced = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { kind, flags } = (entry as { detail?: unknown } as { detail: NodeGCPerformanceDetail }).detail;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR && flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) forced += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return { count: () => forced, stop: () => observer.disconnect() };
}

/** Keeps the event loop busy for `ms`, in slices, as a flood of requests does. */
async function beBusy(ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const slice = performance.now() + 20;
    while (performance.now() < slice);
    await nextTurn();
  }
}

test('while the event loop is busy, full collections are made; while it is idle, none', async () => {
  const collector = collectWhileBusy({ everyMs: 100, busyAbove: 0.5 });
  const forced = countForcedCollections();
  stop = () => {
    collector.stop();
    forced.stop();
  };
  // The test file's own start-up (imports, the runner's messages) is work too: it settles first.
  await sleep(300);

  const idleFrom = forced.count();
  await sleep(500);
  const whileIdle = forced.count() - idleFrom;
  await beBusy(1000);
  collector.stop();
  // The observer reports on later turns, later still on a loaded machine: it is given up to 2 s to deliver.
  const whileBusy = () => forced.count() - idleFrom - whileIdle;
  for (let waited = 0; whileBusy() < 3 && waited < 2000; waited += 50) await sleep(50);

  expect(whileIdle).toBe(0);
  expect(whileBusy()).toBeGreaterThanOrEqual(3);
});
