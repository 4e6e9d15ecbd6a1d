import { beforeAll, describe, expect, test } from 'vitest';
import { type DeliveryTarget, targetRegistry } from '../../src/delivery/target.ts';
import { backoffMs, createDeliveryWorker } from '../../src/delivery/worker.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { createOutbox } from '../../src/db/stores/outbox.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness } from '../support/services.ts';

/** A target that records what it was given and fails while told to. */
function recordingTarget(name: string) {
  const delivered: number[] = [];
  let failing = false;
  const target: DeliveryTarget = {
    name,
    deliver: async ({ publicationId }) => {
      if (failing) throw new Error(`${name} is down`);
      delivered.push(publicationId);
    },
  };
  return { target, delivered, fail: (on: boolean) => (failing = on) };
}

describe.each(databaseKinds)('delivery worker on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const page = recordingTarget('status-page');
  const hook = recordingTarget('webhook');
  const log: string[] = [];

  beforeAll(async () => {
    h = await harness(database.db);
    h.deliveryTargets = ['status-page', 'webhook'];
    await declareIncident(h.as('alice'), { title: 'Cache disconnections' });
  });

  const publish = async (text: string) => {
    const ctx = { ...h.as('alice'), deliveryTargets: ['status-page', 'webhook'] };
    await draftPublicUpdate(ctx, { status: 'investigating', text });
    return (await approveDraft(ctx, {})).publication.id;
  };
  const worker = () =>
    createDeliveryWorker({ outbox: createOutbox(database.db), clock: h.clock, targets: targetRegistry([page.target, hook.target]), log: (m) => log.push(m) });

  test('approved publications reach every target, in order, once', async () => {
    const first = await publish('first');
    const second = await publish('second');
    const w = worker();
    await w.wake();
    await w.wake();
    expect(page.delivered).toEqual([first, second]);
    expect(hook.delivered).toEqual([first, second]);
    const rows = await database.db.prisma.delivery.findMany({ orderBy: { id: 'asc' } });
    expect(rows.every((row) => row.state === 'delivered' && row.attempts === 1 && row.deliveredAt !== null)).toBe(true);
    await w.stop();
  });

  test('a failing target holds back only its own later deliveries, and retries after its backoff', async () => {
    hook.fail(true);
    const third = await publish('third');
    const fourth = await publish('fourth');
    const w = worker();
    await w.wake();
    expect(page.delivered.slice(-2)).toEqual([third, fourth]);
    expect(hook.delivered).not.toContain(third);
    const failed = await database.db.prisma.delivery.findFirstOrThrow({ where: { target: 'webhook', publicationId: third } });
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, lastError: 'webhook is down' });
    expect(failed.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(h.clock.now().getTime());
    expect(log.some((line) => line.includes('to webhook failed (attempt 1)'))).toBe(true);

    hook.fail(false);
    h.clock.advance(10 * 60_000);
    await w.wake();
    expect(hook.delivered.slice(-2)).toEqual([third, fourth]);
    await w.stop();
  });

  test('while the clock is not trusted nothing is claimed (a claim dates its lease and attempt); once it is, the delivery goes', async () => {
    const published = await publish('while refused');
    let trusted = false;
    const clock = { now: () => h.clock.now(), trust: () => (trusted ? { trusted: true as const } : { trusted: false as const, reason: 'a year ahead' }) };
    const w = createDeliveryWorker({ outbox: createOutbox(database.db), clock, targets: targetRegistry([page.target, hook.target]), log: (m) => log.push(m) });
    const waiting = () => database.db.prisma.delivery.findMany({ where: { publicationId: published }, include: { attemptLog: true }, orderBy: { id: 'asc' } });
    await w.wake();
    expect((await waiting()).map((row) => [row.state, row.attempts, row.claimedUntil, row.attemptLog.length])).toEqual([
      ['pending', 0, null, 0],
      ['pending', 0, null, 0],
    ]);
    expect(page.delivered).not.toContain(published);
    trusted = true;
    await w.wake();
    expect((await waiting()).map((row) => row.state)).toEqual(['delivered', 'delivered']);
    expect(page.delivered.at(-1)).toBe(published);
    await w.stop();
  });

  test('backoff is capped and jittered', () => {
    expect(backoffMs(1, () => 1)).toBe(1000);
    expect(backoffMs(3, () => 0.5)).toBe(2000);
    expect(backoffMs(40, () => 1)).toBe(300_000);
    expect(backoffMs(5, () => 0)).toBe(0);
  });

  test('an approval whose delivery rows cannot be written leaves no trace at all', async () => {
    await draftPublicUpdate(h.as('alice'), { status: 'identified', text: 'identified' });
    const before = await dumpAll(database.db);
    // Two targets with one name collide on the idempotency key, failing the transaction at its last step.
    await expect(approveDraft({ ...h.as('alice'), deliveryTargets: ['status-page', 'status-page'] }, {})).rejects.toThrow();
    expect(await dumpAll(database.db)).toBe(before);
  });
});
