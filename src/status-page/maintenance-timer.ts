import { nextBoundary } from '../domain/maintenance.ts';
import type { Clock } from '../time/clock.ts';
import type { PublicSnapshot } from '../domain/public-page/snapshot.ts';

/** setTimeout cannot wait longer than 2^31-1 ms (about 24.8 days); longer waits are taken in steps. */
const longestWaitMs = 2 ** 31 - 1;

/**
 * Maintenance moves from scheduled to in progress to completed on time without anyone publishing:
 * after every build of the snapshot, a timer is set for the next start or end (or the time a next
 * public update was promised by), and rebuilds then.
 */
export function rebuildAtMaintenanceBoundaries(
  snapshots: { rebuild(): Promise<PublicSnapshot>; onBuilt(listener: (snapshot: PublicSnapshot) => void): void; current(): PublicSnapshot },
  clock: Clock,
  log: (message: string, error?: unknown) => void,
) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  function arm(snapshot: PublicSnapshot): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (stopped) return;
    const now = clock.now().getTime();
    // A promised next update that passes leaves the page too: it is rebuilt then, without it.
    const promises = snapshot.incidents.flatMap((incident) =>
      incident.nextUpdateBy && incident.nextUpdateBy.getTime() > now ? [incident.nextUpdateBy.getTime()] : [],
    );
    const boundary = nextBoundary(snapshot.maintenances, clock.now());
    const soonest = Math.min(boundary?.getTime() ?? Number.POSITIVE_INFINITY, ...promises);
    const next = Number.isFinite(soonest) ? new Date(soonest) : null;
    if (!next) return;
    const wait = Math.min(longestWaitMs, Math.max(0, next.getTime() - clock.now().getTime()));
    timer = setTimeout(() => {
      // Arriving early (a long wait taken in steps, or a timer firing a little ahead) just re-arms.
      if (clock.now().getTime() < next.getTime()) return arm(snapshots.current());
      snapshots.rebuild().catch((error: unknown) => log('rebuilding the status page at a maintenance boundary failed', error));
    }, wait);
    timer.unref();
  }

  snapshots.onBuilt(arm);
  arm(snapshots.current());
  return {
    stop(): void {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
