import { expect, test } from 'vitest';
import type { PublicSnapshot } from '../../src/domain/public-page/snapshot.ts';
import { rebuildAtMaintenanceBoundaries } from '../../src/status-page/maintenance-timer.ts';
import { manualClock } from '../../src/time/clock.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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
  const snapshot = { maintenances: [maintenance], incidents: [] } as unknown as PublicSnapshot;
  const listeners: ((s: PublicSnapshot) => void)[] = [];
  let rebuilds = 0;
  const snapshots = {
    current: () => snapshot,
    onBuilt: (listener: (s: PublicSnapshot) => void) => listeners.push(listener),
    rebuild: async () => {
      rebuilds++;
      for (const listener of listeners) listener(snapshot);
      return snapshot;
    },
  };
  const timer = rebuildAtMaintenanceBoundaries(snapshots, clock, () => {});
  try {
    // The real timer fires, but this clock says the start has not come: nothing is rebuilt yet.
    await sleep(120);
    expect(rebuilds).toBe(0);
    clock.advance(50);
    await sleep(400);
    expect(rebuilds).toBe(1);
    // After that build the next boundary is the end, an hour away: no further rebuild now.
    await sleep(60);
    expect(rebuilds).toBe(1);
  } finally {
    timer.stop();
  }
});

test('the status page is rebuilt when the next update an incident promised is due, so that the promise leaves the page', async () => {
  const due = new Date('2021-09-15T14:20:00Z');
  const clock = manualClock(new Date(due.getTime() - 40));
  let snapshot = { maintenances: [], incidents: [{ number: 1, nextUpdateBy: due }] } as unknown as PublicSnapshot;
  const listeners: ((s: PublicSnapshot) => void)[] = [];
  let rebuilds = 0;
  const snapshots = {
    current: () => snapshot,
    onBuilt: (listener: (s: PublicSnapshot) => void) => listeners.push(listener),
    rebuild: async () => {
      rebuilds++;
      // Built once it is due, the snapshot no longer carries the promise.
      snapshot = { maintenances: [], incidents: [{ number: 1 }] } as unknown as PublicSnapshot;
      for (const listener of listeners) listener(snapshot);
      return snapshot;
    },
  };
  const timer = rebuildAtMaintenanceBoundaries(snapshots, clock, () => {});
  try {
    await sleep(120);
    expect(rebuilds).toBe(0);
    clock.advance(50);
    await sleep(400);
    expect(rebuilds).toBe(1);
    await sleep(100);
    expect(rebuilds).toBe(1);
  } finally {
    timer.stop();
  }
});
