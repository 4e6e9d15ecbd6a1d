import type { DeliveryTarget } from '../target.ts';

/** The built-in status page: a delivery rebuilds the snapshot it serves from what is published. */
export function statusPageTarget(snapshots: { rebuild(): Promise<unknown> }): DeliveryTarget {
  return {
    name: 'status-page',
    deliver: async () => {
      await snapshots.rebuild();
    },
  };
}
