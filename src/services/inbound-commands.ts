import type { Services } from './context.ts';
import type { JobStore, NewJob } from './jobs.ts';

export type Admission = { outcome: 'recorded' } | { outcome: 'repeat' } | { outcome: 'busy'; waiting: number };

/**
 * Records a command a person typed as a job, before it is acknowledged, so that once acknowledged it
 * is done even if the process dies next. A repeat of a request already recorded (a platform's retry)
 * is recorded once. Beyond `limit` commands waiting, none is taken: the person is told to come back
 * rather than the backlog growing without end.
 */
export async function recordCommand(services: Pick<Services, 'db' | 'clock'>, jobs: JobStore, input: { requestKey: string; job: NewJob; limit: number }): Promise<Admission> {
  const waiting = await jobs.waiting(input.job.kind);
  if (waiting >= input.limit) return { outcome: 'busy', waiting };
  return services.db.transaction(async (tx) => {
    const key = `received:${input.requestKey}`;
    if (await tx.processedRequest.findUnique({ where: { key } })) return { outcome: 'repeat' } as const;
    await tx.processedRequest.create({ data: { key, at: services.clock.now() } });
    await jobs.enqueue(tx, input.job);
    return { outcome: 'recorded' } as const;
  });
}
