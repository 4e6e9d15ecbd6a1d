import type { Services } from './context.ts';
import type { JobStore, NewJob } from '../db/stores/jobs.ts';

export type Admission = { outcome: 'recorded' } | { outcome: 'repeat' } | { outcome: 'busy'; waiting: number };

export interface CommandToRecord {
  /** Names one request whatever its retries: the second time it is seen it is a repeat. */
  requestKey: string;
  job: NewJob;
}

/**
 * Records commands people typed as jobs, before they are acknowledged, so that once acknowledged
 * each is done even if the process dies next. A repeat of a request already recorded (a platform's
 * retry) is recorded once. Beyond `limit` jobs of its kind waiting, a command is not taken: the
 * person is told to come back rather than the backlog growing without end.
 *
 * Commands that arrive while the previous ones are being written are written together, in one
 * transaction (a group commit): under a flood, the cost of a transaction is shared by many
 * commands, so acknowledging stays fast while the work itself waits its turn.
 */
export function createCommandRecorder(services: Pick<Services, 'db' | 'clock'>, jobs: JobStore, limit: number) {
  type Waiting = { command: CommandToRecord; settle(admission: Admission): void; fail(error: unknown): void };
  let next: Waiting[] = [];
  /** Whether a batch is being written: commands arriving meanwhile wait for the next. */
  let writing = false;
  /** Whether the last batch found the backlog full: the next looks before it writes. */
  let full = false;

  /**
   * While the backlog is full, a flood costs two reads per batch rather than a transaction, whose
   * every statement the embedded driver frees only after a garbage collection: is the backlog still
   * full, and is each command a repeat (acknowledged again, as recorded)? Turned away if so.
   */
  async function turnedAway(batch: Waiting[], keys: string[]): Promise<boolean> {
    const kinds = [...new Set(batch.map(({ command }) => command.job.kind))];
    const waiting = await services.db.prisma.job.count({ where: { kind: { in: kinds }, state: 'pending' } });
    if (waiting < limit) return false;
    const seen = new Set((await services.db.prisma.processedRequest.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key));
    for (const [i, one] of batch.entries()) one.settle(seen.has(keys[i]!) ? { outcome: 'repeat' } : { outcome: 'busy', waiting });
    return true;
  }

  async function write(batch: Waiting[]): Promise<void> {
    const keys = batch.map(({ command }) => `received:${command.requestKey}`);
    if (full && (await turnedAway(batch, keys))) return;
    const admissions = await services.db.transaction(async (tx) => {
      const seen = new Set((await tx.processedRequest.findMany({ where: { key: { in: keys } }, select: { key: true } })).map((r) => r.key));
      let waiting = await tx.job.count({ where: { kind: { in: [...new Set(batch.map(({ command }) => command.job.kind))] }, state: 'pending' } });
      const at = services.clock.now();
      const recorded: CommandToRecord[] = [];
      const outcomes = keys.map((key, i): Admission => {
        if (seen.has(key)) return { outcome: 'repeat' };
        if (waiting >= limit) return { outcome: 'busy', waiting };
        seen.add(key);
        waiting += 1;
        recorded.push(batch[i]!.command);
        return { outcome: 'recorded' };
      });
      await tx.processedRequest.createMany({ data: recorded.map((command) => ({ key: `received:${command.requestKey}`, at })) });
      await jobs.enqueueAll(
        tx,
        recorded.map((command) => command.job),
      );
      full = waiting >= limit;
      return outcomes;
    });
    for (const [i, waiting] of batch.entries()) waiting.settle(admissions[i]!);
  }

  async function writeWhileWaiting(): Promise<void> {
    // Commands recorded in the same turn of the event loop go in the first batch together.
    await null;
    while (next.length > 0) {
      const batch = next;
      next = [];
      await write(batch).catch((error: unknown) => {
        for (const waiting of batch) waiting.fail(error);
      });
    }
    writing = false;
  }

  return {
    record(command: CommandToRecord): Promise<Admission> {
      const admission = new Promise<Admission>((settle, fail) => next.push({ command, settle, fail }));
      if (!writing) {
        writing = true;
        void writeWhileWaiting();
      }
      return admission;
    },
  };
}
