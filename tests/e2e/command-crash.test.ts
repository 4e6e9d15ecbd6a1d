import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { connectConsole } from '../../src/chat/console/client.ts';
import { socketPathIn } from '../../src/chat/console/protocol.ts';
import { type FakeSlack, startFakeSlack } from '../fakes/slack/server.ts';
import { slashCommand, triggerId } from '../fakes/slack/signed-request.ts';
import { type Running, eventually, startServer, workspace } from '../support/processes.ts';

const secret = 'crash-signing-secret';
const people = ['U0ALICE', 'U0BOB'];

describe('SIGKILL right after a burst of acknowledged slash commands, and a restart', () => {
  const { dir, env } = workspace();
  let fake: FakeSlack;
  let server: Running | null = null;
  const serverEnv = () => ({ ...env, SLACK_BOT_TOKEN: 'xoxb-crash', SLACK_SIGNING_SECRET: secret, SLACK_API_URL: fake.url });

  beforeAll(async () => {
    fake = await startFakeSlack({
      token: 'xoxb-crash',
      teamId: 'T0HOME',
      botUserId: 'U0BOT',
      users: people.map((id) => ({ id, name: id.slice(2).toLowerCase(), tz: 'UTC', teamId: 'T0HOME' })),
      channels: [{ id: 'C0GENERAL', name: 'general', members: people }],
    });
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await fake?.close();
  });

  test('every acknowledged note is on the timeline once, and its author is answered', async () => {
    server = await startServer(serverEnv());
    const chat = await connectConsole(socketPathIn(`${dir}/data`));
    await chat.send({ user: 'alice', line: 'declare Ticket distribution stopped' });
    chat.close();

    const sent = Array.from({ length: 40 }, (_, i) => ({ text: `note INC-1 burst ${i}`, user: people[i % people.length]!, responseUrl: fake.responseUrl() }));
    const acks = await Promise.all(
      sent.map((c) =>
        slashCommand(`${server!.url}/slack/events`, secret, {
          text: c.text,
          user_id: c.user,
          team_id: 'T0HOME',
          channel_id: 'C0GENERAL',
          response_url: c.responseUrl,
          trigger_id: triggerId(),
        }),
      ),
    );
    // Acknowledged, each with Slack's empty 200: from here on each must be done.
    expect(acks.map((a) => [a.status, a.body])).toEqual(sent.map(() => [200, '']));
    const killed = new Promise((resolve) => server!.child.once('exit', resolve));
    server.child.kill('SIGKILL');
    await killed;
    const answeredBeforeTheKill = fake.responses.length;

    server = await startServer(serverEnv());
    const timeline = async () => {
      const reader = await connectConsole(socketPathIn(`${dir}/data`));
      const text = await reader.send({ user: 'alice', line: 'timeline INC-1' });
      reader.close();
      return text;
    };
    await eventually(async () => expect((await timeline()).match(/: burst \d+$/gm)).toHaveLength(sent.length), 20_000);
    const shown = await timeline();
    for (let i = 0; i < sent.length; i++) expect(shown.match(new RegExp(`: burst ${i}$`, 'gm'))).toHaveLength(1);
    await eventually(async () => expect(sent.filter((c) => !fake.responses.some((r) => r.url === c.responseUrl))).toEqual([]), 10_000);
    console.log(
      `command crash: ${answeredBeforeTheKill} of ${sent.length} commands answered before the kill, the rest after the restart; each note recorded once`,
    );
  }, 60_000);
});
