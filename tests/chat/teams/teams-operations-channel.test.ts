import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createVerifiedClock } from '../../../src/time/verified-clock.ts';
import { teamsWorld } from '../../support/teams-app.ts';

const year = 365 * 24 * 3600_000;
const realNow = () => performance.timeOrigin + performance.now();
const operations = '19:0ps0000000000000000000000000000@thread.tacv2';

describe('the Teams operations channel (operations.teamsChannel)', () => {
  type World = Awaited<ReturnType<typeof teamsWorld>>;
  let w: World;
  const machine = { skewMs: 0 };
  const clock = createVerifiedClock({ machine: () => realNow() + machine.skewMs, log: () => {} });
  const told = () => w.connector.received.filter((r) => r.method === 'POST' && r.conversationId === operations).map((r) => String(r.body.text));

  beforeAll(async () => {
    w = await teamsWorld({ clock, operations: { teamsChannel: operations } });
    clock.addReference({ name: 'reference', read: async () => ({ time: realNow(), resolutionMs: 1 }) });
    await clock.check();
  });
  afterAll(async () => w?.stop());

  test('is told, through the Bot Connector, when the clock stops being trusted and when it is trusted again', async () => {
    expect(told()).toEqual([]);
    machine.skewMs = year;
    await clock.check();
    await w.app.settle();
    expect(told()).toHaveLength(1);
    expect(told()[0]).toMatch(
      /^🚨 .+\. crisisroom stamps nothing and approves no public update until it is right again; the status page keeps serving what was published\.$/,
    );
    machine.skewMs = 0;
    await clock.check();
    await w.app.settle();
    expect(told()).toEqual([told()[0], '✅ The clock is trusted again: stamping and approvals work again.']);
  });
});

describe('operations.teamsChannel in the configuration file', () => {
  test('a Teams channel id, refused by name otherwise', async () => {
    const { FileConfig } = await import('../../../src/config.ts');
    expect(FileConfig.parse({ operations: { teamsChannel: operations } }).operations.teamsChannel).toBe(operations);
    expect(() => FileConfig.parse({ operations: { teamsChannel: 'C024BE91L' } })).toThrow(/operations\.teamsChannel is a Teams channel id, like 19:/);
  });
});
