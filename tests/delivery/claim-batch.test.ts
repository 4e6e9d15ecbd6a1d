import { describe, expect, test } from 'vitest';
import type { WorkItem, WorkStore } from '../../src/domain/work.ts';
import { createWorkLoop } from '../../src/delivery/worker.ts';
import { manualClock } from '../../src/time/clock.ts';

/** Work kept in memory, noting how many each claim asked for and how many it got. */
function memoryStore(count: number) {
  const waiting = Array.from({ length: count }, (_, i) => ({ id: i + 1, attempts: 0 }));
  const claims: number[] = [];
  const got: number[] = [];
  const store: WorkStore<WorkItem> = {
    claim: async ({ limit }) => {
      claims.push(limit);
      const claimed = waiting.splice(0, limit).map((item) => ({ ...item, attempts: 1 }));
      got.push(claimed.length);
      return claimed;
    },
    renew: async () => undefined,
    nextDue: async () => null,
    succeeded: async () => true,
    attemptFailed: async () => true,
    abandoned: async () => true,
    releaseDeadClaims: async () => 0,
  };
  return { store, claims, got };
}

/** A loop of 8 slots over `store` whose pieces finish one at a time, in order, each a moment after the last. */
function inOrderLoop(store: WorkStore<WorkItem>, done: number[], claimBatch?: number) {
  let last = Promise.resolve();
  return createWorkLoop({
    name: 'test',
    store,
    clock: manualClock(new Date('2026-01-05T12:00:00Z')),
    log: () => {},
    describe: (item) => `work ${item.id}`,
    concurrency: 8,
    ...(claimBatch === undefined ? {} : { claimBatch }),
    perform: (item) =>
      (last = last.then(
        () =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              done.push(item.id);
              resolve();
            }, 2),
          ),
      )),
  });
}

describe('the work loop claiming in batches', () => {
  test('with work in flight it claims once enough slots are free, not once per piece finished', async () => {
    const { store, claims, got } = memoryStore(20);
    const done: number[] = [];
    const loop = inOrderLoop(store, done, 4);
    await loop.wake();
    expect(done).toHaveLength(20);
    // The first claim fills every slot; later ones wait for four free slots: 4 claims take the 20
    // pieces where claiming per piece finished would take 13.
    expect(claims.every((limit) => limit >= 4)).toBe(true);
    expect(got.filter((n) => n > 0)).toEqual([8, 4, 4, 4]);
    await loop.stop();
  });

  test('without claimBatch every finished piece frees a slot that is claimed at once, as for jobs', async () => {
    const { store, claims } = memoryStore(12);
    const loop = inOrderLoop(store, []);
    await loop.wake();
    expect(claims.slice(0, 5)).toEqual([8, 1, 1, 1, 1]);
    await loop.stop();
  });
});
