import { beforeAll, describe, expect, test } from 'vitest';
import { createCommandRecorder } from '../../src/services/inbound-commands.ts';
import { createJobStore } from '../../src/db/stores/jobs.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

describe.each(databaseKinds)('commands recorded together on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  beforeAll(async () => {
    h = await harness(database.db);
  });

  const command = (key: string, queue = 'q:alice') => ({ requestKey: key, job: { kind: 'test.command', queue, payload: { key } } });

  test('arriving at once: recorded in order, a repeat once, none beyond the bound', async () => {
    const recorder = createCommandRecorder(h, createJobStore(database.db), 3);
    const admissions = await Promise.all(['a', 'b', 'a', 'c', 'd', 'b'].map((key) => recorder.record(command(key))));
    expect(admissions).toEqual([
      { outcome: 'recorded' },
      { outcome: 'recorded' },
      { outcome: 'repeat' },
      { outcome: 'recorded' },
      { outcome: 'busy', waiting: 3 },
      { outcome: 'repeat' },
    ]);
    const jobs = await database.db.prisma.job.findMany({ where: { kind: 'test.command' }, orderBy: { id: 'asc' } });
    expect(jobs.map((job) => JSON.parse(job.payload).key)).toEqual(['a', 'b', 'c']);
    // While the backlog stays full, later commands are turned away too, a repeat still known as one.
    expect(await Promise.all(['e', 'a'].map((key) => recorder.record(command(key))))).toEqual([{ outcome: 'busy', waiting: 3 }, { outcome: 'repeat' }]);
    // A command turned away busy left no trace: sent again once there is room, it is recorded.
    await database.db.prisma.job.updateMany({ where: { kind: 'test.command' }, data: { state: 'done' } });
    expect(await recorder.record(command('d'))).toEqual({ outcome: 'recorded' });
    expect(await recorder.record(command('d'))).toEqual({ outcome: 'repeat' });
  });

  test('a batch that cannot be written fails every command in it, and the next batch is written', async () => {
    const recorder = createCommandRecorder(h, createJobStore(database.db), 100);
    // A payload JSON cannot hold fails the write of the whole batch: nothing of it is recorded.
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const failing = [recorder.record(command('e')), recorder.record({ requestKey: 'f', job: { kind: 'test.command', queue: 'q:bob', payload: circular } })];
    await expect(Promise.all(failing)).rejects.toThrow(/circular/i);
    expect(await database.db.prisma.processedRequest.count({ where: { key: { in: ['received:e', 'received:f'] } } })).toBe(0);
    expect(await recorder.record(command('e'))).toEqual({ outcome: 'recorded' });
  });
});
