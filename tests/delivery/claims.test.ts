import { beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { type DeliveryJob, RetryLaterError, targetRegistry } from '../../src/delivery/target.ts';
import { createDeliveryWorker } from '../../src/delivery/worker.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { createOutbox } from '../../src/db/stores/outbox.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const targetNames = Array.from({ length: 12 }, (_, i) => `hook:${i}`);

describe.each(databaseKinds)('delivery claims and leases on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db);
    await declareIncident(h.as('alice'), { title: 'Ticket distribution stopped' });
  });

  const publish = async (targets: string[], text: string) => {
    const ctx = { ...h.as('alice'), deliveryTargets: targets };
    await draftPublicUpdate(ctx, { status: 'investigating', text });
    return (await approveDraft(ctx, {})).publication.id;
  };

  const pendingCount = (db: Database) => db.prisma.delivery.count({ where: { state: 'pending' } });

  test('two workers on their own connections share a fan-out: every target gets every update once, in order', async () => {
    const publications = [await publish(targetNames, 'one'), await publish(targetNames, 'two'), await publish(targetNames, 'three')];
    const received: { worker: string; target: string; publication: number }[] = [];
    const second = await database.reopenExtra();
    const workerOn = (db: Database, name: string) =>
      createDeliveryWorker({
        outbox: createOutbox(db),
        clock: h.clock,
        workerId: name,
        concurrency: 4,
        log: () => {},
        targets: targetRegistry([
          {
            name: 'hook',
            deliver: async (job: DeliveryJob) => {
              received.push({ worker: name, target: job.target, publication: job.publicationId });
              // Yield so the two workers really interleave.
              await new Promise((resolve) => setTimeout(resolve, 2));
            },
          },
        ]),
      });
    const a = workerOn(database.db, 'a');
    const b = workerOn(second, 'b');
    await Promise.all([a.wake(), b.wake()]);
    await Promise.all([a.wake(), b.wake()]);
    for (const target of targetNames) {
      expect(received.filter((r) => r.target === target).map((r) => r.publication)).toEqual(publications);
    }
    expect(received).toHaveLength(targetNames.length * publications.length);
    if (kind === 'postgresql') expect(new Set(received.map((r) => r.worker))).toEqual(new Set(['a', 'b']));
    expect(await pendingCount(database.db)).toBe(0);
    const attempts = await database.db.prisma.deliveryAttempt.findMany({ where: { delivery: { publicationId: { in: publications } } } });
    expect(attempts).toHaveLength(received.length);
    expect(attempts.every((attempt) => attempt.outcome === 'delivered' && ['a', 'b'].includes(attempt.worker))).toBe(true);
    await Promise.all([a.stop(), b.stop()]);
    await second.close();
  });

  test("a killed process's claim is taken over only after its lease, and the new owner is told an attempt came before", async () => {
    const publication = await publish(['page'], 'after a crash');
    const outbox = createOutbox(database.db);
    const now = h.clock.now();
    const [claimed] = await outbox.claim({ worker: 'killed', now, leaseUntil: new Date(now.getTime() + 60_000), limit: 10 });
    expect(claimed).toMatchObject({ publicationId: publication, target: 'page', claimedBy: 'killed', attempts: 1 });

    const jobs: DeliveryJob[] = [];
    const survivor = createDeliveryWorker({
      outbox,
      clock: h.clock,
      workerId: 'survivor',
      log: () => {},
      targets: targetRegistry([{ name: 'page', deliver: async (job) => void jobs.push(job) }]),
    });
    await survivor.wake();
    expect(jobs).toHaveLength(0);

    h.clock.advance(61_000);
    await survivor.wake();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ publicationId: publication, attempts: 1 });
    // The killed process coming back to record its outcome changes nothing.
    expect(await outbox.succeeded(claimed!.id, 'killed', h.clock.now(), 'delivered', 5)).toBe(false);
    const row = await database.db.prisma.delivery.findUniqueOrThrow({ where: { id: claimed!.id } });
    expect(row).toMatchObject({ state: 'delivered', attempts: 2, claimedBy: null });
    expect((await outbox.attemptsOf(claimed!.id)).map((a) => [a.worker, a.outcome])).toEqual([['survivor', 'delivered']]);
    await survivor.stop();
  });

  test('a restarted replica takes up at once what its killed predecessor held; another live replica keeps its own', async () => {
    await publish(['restarted', 'elsewhere'], 'while a replica restarts');
    const outbox = createOutbox(database.db);
    const now = h.clock.now();
    const leaseUntil = new Date(now.getTime() + 60_000);
    const [mine] = await outbox.claim({ worker: 'host-a:0d1e/101:dead', now, leaseUntil, limit: 1 });
    const [theirs] = await outbox.claim({ worker: 'host-b:77aa/202:alive', now, leaseUntil, limit: 1 });
    expect([mine?.target, theirs?.target]).toEqual(['restarted', 'elsewhere']);

    const delivered: string[] = [];
    const restarted = createDeliveryWorker({
      outbox,
      clock: h.clock,
      replica: 'host-a:0d1e',
      workerId: 'host-a:0d1e/303:fresh',
      log: () => {},
      targets: targetRegistry(['restarted', 'elsewhere'].map((name) => ({ name, deliver: async (job: DeliveryJob) => void delivered.push(job.target) }))),
    });
    await restarted.start();
    await restarted.wake();
    // Long before any lease ran out: the predecessor's delivery is done, with its attempt counted.
    expect(delivered).toContain('restarted');
    expect(await database.db.prisma.delivery.findUniqueOrThrow({ where: { id: mine!.id } })).toMatchObject({ state: 'delivered', attempts: 2 });
    // SQLite serves one process, so every claim there was a dead one's; PostgreSQL's other replica lives on.
    expect(delivered.includes('elsewhere')).toBe(kind === 'sqlite');
    await restarted.stop();
  });

  test("a platform's Retry-After is honoured when it is longer than the backoff", async () => {
    const publication = await publish(['limited'], 'slow down');
    let calls = 0;
    const worker = createDeliveryWorker({
      outbox: createOutbox(database.db),
      clock: h.clock,
      log: () => {},
      targets: targetRegistry([
        {
          name: 'limited',
          deliver: async () => {
            calls += 1;
            if (calls === 1) throw new RetryLaterError('HTTP 429', 600_000);
          },
        },
      ]),
    });
    const before = h.clock.now().getTime();
    await worker.wake();
    const row = await database.db.prisma.delivery.findFirstOrThrow({ where: { publicationId: publication, target: 'limited' } });
    expect(row).toMatchObject({ state: 'pending', lastError: 'HTTP 429' });
    expect(row.nextAttemptAt!.getTime() - before).toBeGreaterThanOrEqual(600_000);
    h.clock.advance(599_000);
    await worker.wake();
    expect(calls).toBe(1);
    h.clock.advance(2_000);
    await worker.wake();
    expect(calls).toBe(2);
    expect((await database.db.prisma.delivery.findUniqueOrThrow({ where: { id: row.id } })).state).toBe('delivered');
    await worker.stop();
  });
});
