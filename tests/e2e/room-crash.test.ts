import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/server.ts';
import { slashCommand, triggerId } from '../fakes/slack/signed-request.ts';
import { type Running, eventually, startServer, workspace } from '../support/processes.ts';

const secret = 'room-crash-signing-secret';
const people = ['U0ALICE', 'U0DAVE'];
const keyOf = (message: { metadata?: unknown }) => (message.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

/**
 * crisisroom is killed while Slack holds the answer to a call it already acted on (the channel
 * made, the briefing posted, the pin set, the new commander added): the restarted process finds
 * what was done and finishes the room, nothing doubled.
 */
describe("SIGKILL in the middle of a crisis room's work, and a restart", () => {
  const { env } = workspace();
  let fake: FakeSlack;
  let server: Running | null = null;
  const serverEnv = () => ({ ...env, SLACK_BOT_TOKEN: 'xoxb-room-crash', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.url });

  beforeAll(async () => {
    fake = await startFakeSlack({
      token: 'xoxb-room-crash',
      teamId: 'T0HOME',
      botUserId: 'U0BOT',
      users: people.map((id) => ({ id, name: id.slice(2).toLowerCase(), tz: 'UTC', teamId: 'T0HOME' })),
      channels: [{ id: 'C0GENERAL', name: 'general', members: people }],
    });
    server = await startServer(serverEnv());
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await fake?.close();
  });

  const command = (user: string, channel: string, text: string) =>
    slashCommand(`${server!.url}/slack/events`, secret, {
      text,
      user_id: user,
      team_id: 'T0HOME',
      channel_id: channel,
      response_url: fake.responseUrl(),
      trigger_id: triggerId(),
    });

  /** Kills the server once Slack has acted on `method`'s call (and holds its answer), then starts it again. */
  async function killDuring(method: string, act: () => Promise<unknown>): Promise<void> {
    const before = fake.calls.filter((c) => c.method === method).length;
    fake.failNext(method, { stall: true });
    await act();
    await eventually(async () => expect(fake.calls.filter((c) => c.method === method).length).toBeGreaterThan(before), 10_000);
    const exited = new Promise((resolve) => server!.child.once('exit', resolve));
    server!.child.kill('SIGKILL');
    await exited;
    server = await startServer(serverEnv());
  }

  test.each([
    ['conversations.create', 'inc-1-tickets-stuck'],
    ['chat.postMessage', 'inc-2-login-slow'],
    ['pins.add', 'inc-3-exports-late'],
  ])(
    'killed while Slack holds the answer to %s of a declare: one room, complete',
    async (method, name) => {
      const title = name.replace(/^inc-\d+-/, '').replaceAll('-', ' ');
      await killDuring(method, () => command('U0ALICE', 'C0GENERAL', `declare ${title} --sev 3`));
      await eventually(async () => expect(fake.pins(name)).toHaveLength(1), 20_000);
      expect(fake.channel(`${name}-2`)).toBeUndefined();
      expect(fake.channel(name)!.members).toEqual(expect.arrayContaining(['U0BOT', 'U0ALICE']));
      const briefings = fake.messages(name).filter((m) => keyOf(m)?.startsWith('room:briefing:'));
      expect(briefings).toHaveLength(1);
      expect(fake.pins(name)).toEqual([briefings[0]!.ts]);
      expect(fake.channel(name)!.topic).toMatch(/ · investigating · SEV3 .* · commander alice$/);
    },
    60_000,
  );

  test('killed while Slack holds the answer to adding the new commander: the handover completes', async () => {
    const room = fake.channel('inc-1-tickets-stuck')!.id;
    await killDuring('conversations.invite', () => command('U0ALICE', room, 'commander <@U0DAVE>'));
    await eventually(async () => expect(fake.channel(room)!.members).toContain('U0DAVE'), 20_000);
    expect(fake.channel(room)!.topic).toMatch(/ · commander dave$/);
    expect(fake.channel(room)!.members.filter((m) => m === 'U0DAVE')).toHaveLength(1);
    const briefing = fake.messages(room).find((m) => keyOf(m)?.startsWith('room:briefing:'))!;
    expect(JSON.stringify(briefing.blocks)).toContain('U0DAVE');
  }, 60_000);
});
