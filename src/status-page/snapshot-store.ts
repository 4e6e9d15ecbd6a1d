import type { PublicSnapshot } from '../domain/public-page/snapshot.ts';

/**
 * Holds the snapshot the status page serves. Rebuilds that are asked for while one runs are folded
 * into one more run afterwards, so a burst of publications costs at most two reads of the database.
 */
export function createSnapshotStore(load: () => Promise<PublicSnapshot>) {
  let current: PublicSnapshot | null = null;
  let running: Promise<PublicSnapshot> | null = null;
  let queued: Promise<PublicSnapshot> | null = null;

  const listeners: ((snapshot: PublicSnapshot) => void)[] = [];
  const build = async () => {
    current = await load();
    for (const listener of listeners) listener(current);
    return current;
  };

  function rebuild(): Promise<PublicSnapshot> {
    if (!running) {
      running = build().finally(() => {
        running = null;
      });
      return running;
    }
    queued ??= running
      .catch(() => undefined)
      .then(() => {
        queued = null;
        return rebuild();
      });
    return queued;
  }

  return {
    current(): PublicSnapshot {
      if (!current) throw new Error('the status page snapshot has not been built yet');
      return current;
    },
    rebuild,
    /** Called after every build, whatever asked for it. */
    onBuilt(listener: (snapshot: PublicSnapshot) => void): void {
      listeners.push(listener);
    },
  };
}
