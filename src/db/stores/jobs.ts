import { claimOldestPerGroup, releaseDeadClaims } from '../claims.ts';
import type { Claim, WorkStore } from '../../domain/work.ts';
import type { Database, Job, Tx } from '../client.ts';

export type { Job };

export interface NewJob {
  kind: string;
  queue: string;
  payload: unknown;
}

/** Work recorded to be done once, as the job loop sees it. */
export interface JobStore extends WorkStore<Job> {
  /** Records jobs in the caller's transaction, in the order given. */
  enqueueAll(tx: Tx, jobs: NewJob[]): Promise<unknown>;
  /** Keeps what a job has done so far, so a retry does not do it again. */
  keepResult(id: number, result: unknown): Promise<unknown>;
}

const row = (job: NewJob) => ({ kind: job.kind, queue: job.queue, payload: JSON.stringify(job.payload) });

/**
 * The jobs' side of the database: work recorded to be done once, whatever happens to the process
 * that recorded it (see the Job model). A work loop (delivery/worker.ts) claims and performs them.
 */
export function createJobStore(db: Database, hooks: { abandonedIn?(tx: Tx, job: Job): Promise<unknown> } = {}): JobStore {
  const p = db.prisma;

  /** Ends a claim; a process whose lease was taken over changes nothing. */
  async function finish(id: number, worker: string, data: Record<string, unknown>): Promise<boolean> {
    const { count } = await p.job.updateMany({ where: { id, claimedBy: worker }, data: { ...data, claimedBy: null, claimedUntil: null } });
    return count === 1;
  }

  /** Gives a job up; what must follow (telling the people concerned) is recorded with it. */
  function abandon(id: number, worker: string, error: string): Promise<boolean> {
    return db.transaction(async (tx) => {
      const { count } = await tx.job.updateMany({
        where: { id, claimedBy: worker },
        data: { state: 'failed', lastError: error.slice(0, 1000), claimedBy: null, claimedUntil: null },
      });
      if (count === 1 && hooks.abandonedIn) await hooks.abandonedIn(tx, await tx.job.findUniqueOrThrow({ where: { id } }));
      return count === 1;
    });
  }

  return {
    /**
     * Records jobs in the caller's transaction, so they exist exactly when the change that needs
     * them does; in the order given, since a queue's jobs are done in id order.
     */
    enqueueAll: (tx: Tx, jobs: NewJob[]) => tx.job.createMany({ data: jobs.map(row) }),

    /** Keeps what a job has done so far (a command's reply), so a retry does not do it again. */
    keepResult: (id: number, result: unknown) => p.job.update({ where: { id }, data: { result: JSON.stringify(result) } }),

    /** Claims jobs: of each queue only its oldest pending one (see db/claims.ts). */
    claim: async (claim: Claim) => {
      const ids = await claimOldestPerGroup(db, 'Job', claim);
      if (ids.length === 0) return [];
      return p.job.findMany({ where: { id: { in: ids } }, orderBy: { id: 'asc' } });
    },
    releaseDeadClaims: (replica: string, self: string) => releaseDeadClaims(db, 'Job', replica, self),
    renew: (ids: number[], worker: string, leaseUntil: Date) =>
      p.job.updateMany({ where: { id: { in: ids }, claimedBy: worker, state: 'pending' }, data: { claimedUntil: leaseUntil } }),
    nextDue: async (now: Date) => {
      const next = await p.job.findFirst({
        where: { state: 'pending', nextAttemptAt: { gt: now } },
        orderBy: { nextAttemptAt: 'asc' },
        select: { nextAttemptAt: true },
      });
      return next?.nextAttemptAt ?? null;
    },
    succeeded: (id: number, worker: string) => finish(id, worker, { state: 'done', lastError: null, nextAttemptAt: null }),
    attemptFailed: (id: number, worker: string, _at: Date, error: string, retryAt: Date) =>
      finish(id, worker, { lastError: error.slice(0, 1000), nextAttemptAt: retryAt }),
    abandoned: (id: number, worker: string, _at: Date, error: string) => abandon(id, worker, error),
  };
}
