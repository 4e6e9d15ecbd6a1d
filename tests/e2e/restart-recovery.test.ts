import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectConsole } from '../../src/chat/console/client.ts';
import { socketPathIn } from '../../src/chat/console/protocol.ts';
import { type Database, openDatabase } from '../../src/db/client.ts';
import { systemClock } from '../../src/time/clock.ts';
import { type FakeSlack, type StoredMessage, startFakeSlack } from '../fakes/slack/server.ts';
import { type Running, eventually, startServer, takeBlipYaml, workspace } from '../support/processes.ts';
import { subscribeSlackChannels } from '../support/subscriptions.ts';

const channels = Array.from({ length: 30 }, (_, i) => ({ id: `C${String(i).padStart(3, '0')}`, name: `customer-${i}` }));
const keyOf = (message: StoredMessage) => (message.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

// The lease is a minute here: what the restarted process takes up, it takes up because its
// predecessor is known dead, not because a lease ran out.
describe('crisisroom on SQLite, killed with SIGKILL during a fan-out and restarted at once', () => {
  const { dir, env } = workspace(`${takeBlipYaml}slack:\n  postsPerSecond: 10\n`);
  let fake: FakeSlack;
  let db: Database;
  let server: Running | null = null;
  const serverEnv = () => ({
    ...env,
    SLACK_BOT_TOKEN: 'xoxb-restart',
    SLACK_SIGNING_SECRET: 'restart',
    SLACK_API_URL: fake.url,
    CRISISROOM_DELIVERY_LEASE_SECONDS: '60',
  });

  beforeAll(async () => {
    fake = await startFakeSlack({
      token: 'xoxb-restart',
      teamId: 'T0HOME',
      botUserId: 'U0BOT',
      users: [],
      channels: channels.map((c) => ({ ...c, members: ['U0BOT'] })),
    });
    mkdirSync(`${dir}/data`);
    db = await openDatabase(`file:${dir}/data/crisisroom.db`, systemClock);
    await subscribeSlackChannels(db, channels, 'slack:U0ADMIN');
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await db?.close();
    await fake?.close();
  });

  test('the restarted process takes up its predecessor’s claims at once: every channel gets its post once', async () => {
    server = await startServer(serverEnv());
    const chat = await connectConsole(socketPathIn(`${dir}/data`));
    for (const line of ['declare Ticket distribution stopped', 'public INC-1 investigating Tickets are not reaching agents.', 'approve INC-1'])
      await chat.send({ user: 'alice', line });
    chat.close();
    const posted = () => channels.filter((c) => fake.messages(c.id).length > 0).length;
    await eventually(async () => expect(posted()).toBeGreaterThanOrEqual(5), 10_000);

    const killed = new Promise((resolve) => server!.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await killed;
    // Posts wait their turn at 10 a second, claimed: some were held by the killed process.
    const claimed = await db.prisma.delivery.count({ where: { state: 'pending', claimedBy: { not: null } } });
    expect(claimed).toBeGreaterThan(0);
    const restartedAt = performance.now();
    server = await startServer(serverEnv());
    await eventually(async () => expect(posted()).toBe(channels.length), 20_000);
    const seconds = (performance.now() - restartedAt) / 1000;

    // 30 posts at 10 a second need 3 s; a wait for the minute's lease would show here.
    expect(seconds).toBeLessThan(15);
    for (const [i, channel] of channels.entries())
      expect(fake.messages(channel.id).map(keyOf)).toEqual([expect.stringMatching(new RegExp(`-channel:${i + 1}$`))]);
    expect(server.stderr()).toMatch(/deliveries: took up \d+ left claimed by this replica's previous process/);
    console.log(
      `restart: ${claimed} deliveries were claimed by the killed process; all ${channels.length} channels had their post ${seconds.toFixed(1)} s after the restart`,
    );
  }, 60_000);
});
