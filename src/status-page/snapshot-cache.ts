import type { PublicSnapshot } from '../domain/public-page/snapshot.ts';

/** What the page keeps per snapshot, by key: gone with its snapshot once a newer one replaces it. */
export type SnapshotCache<V> = WeakMap<PublicSnapshot, Map<string, V>>;

/** The entries kept for this snapshot. */
export function forSnapshot<V>(cache: SnapshotCache<V>, snapshot: PublicSnapshot): Map<string, V> {
  let map = cache.get(snapshot);
  if (!map) {
    map = new Map();
    cache.set(snapshot, map);
  }
  return map;
}

/** The value kept for `key` of this snapshot, built on first use: a burst of visitors costs one build. */
export function builtOnce<V>(cache: SnapshotCache<V>, snapshot: PublicSnapshot, key: string, build: () => V): V {
  const kept = forSnapshot(cache, snapshot);
  let value = kept.get(key);
  if (value === undefined) {
    value = build();
    kept.set(key, value);
  }
  return value;
}
