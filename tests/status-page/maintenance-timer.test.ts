import { expect, test } from 'vitest';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { rebuildAtMaintenanceBoundaries } from '../../src/status-page/maintenance-timer.ts';
import { manualClock } from '../../src/time/clock.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A snapshot store that counts its rebuilds; each rebuild makes the snapshot `next` gives (the same one by default). */
function countingStore(first: PublicSnapshot, next: (current: PublicSnapshot) => PublicSnapshot = (current) => current) {
  let snapshot = first;
  const listeners: ((s: PublicSnapshot) => void)[] = [];
  const store = {
    rebuilds: 0,
    current: () => snapshot,
    onBuilt: (listener: (s: PublicSnapshot) => void) => listeners.push(listener),
    rebuild: async () => {
      store.rebuilds++;
      snapshot = next(snapshot);
      for (const listener of listeners) listener(snapshot);
      return snapshot;
    },
  };
  return store;
}

test('the status page is rebuilt when a maintenance starts, not before, and the timer follows every build', async () => {
  const start = new Date('2026-12-01T05:00:00Z');
  const clock = manualClock(new Date(start.getTime() - 40));
  const maintenance = {
    id: 'MNT-1',
    title: 'Upgrade',
    status: 'scheduled' as const,
    scheduledFor: start,
    scheduledUntil: new Date(start.getTime() + 3600_000),
    components: [],
    createdAt: start,
    updatedAt: start,
  };
  const snapshots = countingStore({ maintenances: [maintenance], incidents: [] } as unknown as PublicSnapshot);
  const timer = rebuildAtMaintenanceBoundaries(snapshots, clock, () => {});
  try {
    // The real timer fires, but this clock says the start has not come: nothing is rebuilt yet.
    await sleep(120);
    expect(snapshots.rebuilds).toBe(0);
    clock.advance(50);
    await sleep(400);
    expect(snapshots.rebuilds).toBe(1);
    // After that build the next boundary is the end, an hour away: no further rebuild now.
    await sleep(60);
    expect(snapshots.rebuilds).toBe(1);
  } finally {
    timer.stop();
  }
});

test('the status page is rebuilt when the next update an incident promised is due, so that the promise leaves the page', async () => {
  const due = new Date('2021-09-15T14:20:00Z');
  const clock = manualClock(new Date(due.getTime() - 40));
  const snapshots = countingStore(
    { maintenances: [], incidents: [{ number: 1, nextUpdateBy: due }] } as unknown as PublicSnapshot,
    // Built once it is due, the snapshot no longer carries the promise.
    () => ({ maintenances: [], incidents: [{ number: 1 }] }) as unknown as PublicSnapshot,
  );
  const timer = rebuildAtMaintenanceBoundaries(snapshots, clock, () => {});
  try {
    await sleep(120);
    expect(snapshots.rebuilds).toBe(0);
    clock.advance(50);
    await sleep(400);
    expect(snapshots.rebuilds).toBe(1);
    await sleep(100);
    expect(snapshots.rebuilds).toBe(1);
  } finally {
    timer.stop();
  }
});
