import { App, LogLevel, type Logger } from '@slack/bolt';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { type FakeSlack, startFakeSlack } from './server.ts';
import { type FakeSocketMode, slashCommandPayload, startFakeSocketMode } from './socket-mode.ts';

const BOT_TOKEN = 'xoxb-fake-token';
const APP_TOKEN = 'xapp-1-A0FAKEAPP01-fake';
const TEAM = 'T0FAKE0001';

/** The wrong-token and reconnect cases make Bolt log errors and warnings on purpose. */
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

let slack: FakeSlack;
let socket: FakeSocketMode;
let apps: App[];

/**
 * Bolt hands the socket-mode client `installerOptions.clientOptions`, which defaults to the bot client's
 * `clientOptions`; without its own slackApiUrl, apps.connections.open would go to the bot-token fake.
 */
function socketApp(appToken = APP_TOKEN): App {
  const app = new App({
    token: BOT_TOKEN,
    appToken,
    socketMode: true,
    logger: quiet,
    clientOptions: { slackApiUrl: slack.url },
    installerOptions: { clientOptions: { slackApiUrl: socket.apiUrl } },
  });
  app.command('/incident', async ({ ack, respond, command }) => {
    await ack(`Declaring "${command.text}"…`);
    await respond({ response_type: 'in_channel', text: `INC-1 declared: ${command.text}` });
  });
  apps.push(app);
  return app;
}

const incident = (text: string, command = '/incident') =>
  slashCommandPayload({ command, text, user_id: 'U0ALICE001', team_id: TEAM, channel_id: 'C0GENERAL1', response_url: slack.responseUrl() });

beforeEach(async () => {
  slack = await startFakeSlack({
    token: BOT_TOKEN,
    teamId: TEAM,
    botUserId: 'U0BOT00001',
    users: [{ id: 'U0ALICE001', name: 'alice', tz: 'UTC', teamId: TEAM }],
    channels: [{ id: 'C0GENERAL1', name: 'general', members: ['U0BOT00001', 'U0ALICE001'] }],
  });
  socket = await startFakeSocketMode({ appToken: APP_TOKEN });
  apps = [];
});

afterEach(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  // App.stop() does not wait for the close handshake; waiting here keeps sockets from outliving the test.
  await vi.waitFor(() => expect(socket.connections).toBe(0));
  await socket.close();
  await slack.close();
});

describe('Bolt in Socket Mode against the fake', () => {
  test('a slash command envelope is acknowledged and respond() reaches the response URL', async () => {
    await socketApp().start();
    expect(socket.connections).toBe(1);

    const payload = incident('db is down');
    const delivery = await socket.send('slash_commands', payload);

    expect(delivery.ack).toEqual({ envelope_id: delivery.envelopeId, payload: { text: 'Declaring "db is down"…' } });
    expect(delivery.ms).toBeGreaterThanOrEqual(0);
    await vi.waitFor(() => expect(slack.responses).toHaveLength(1));
    expect(slack.responses[0]).toMatchObject({
      url: payload.response_url,
      body: { response_type: 'in_channel', text: 'INC-1 declared: db is down' },
    });
    expect(slack.calls.map((c) => c.method)).toContain('auth.test');
  });

  test('a wrong app-level token makes start() fail with Slack invalid_auth, and no socket is opened', async () => {
    await expect(socketApp('xapp-1-A0FAKEAPP01-wrong').start()).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'invalid_auth' },
    });
    expect(socket.opens).toBe(0);
    expect(socket.connections).toBe(0);
  });

  test('after a disconnect message the client fetches a new URL, reconnects and still acknowledges', async () => {
    await socketApp().start();
    await socket.send('slash_commands', incident('first'));

    socket.disconnectAll('refresh_requested');
    await vi.waitFor(() => expect(socket.connections).toBe(0));
    // @slack/socket-mode waits clientPingTimeout (5 s under App, which cannot change it) before redialling.
    await socket.connected(15_000);
    expect(socket.connections).toBe(1);
    expect(socket.opens).toBe(2);

    const delivery = await socket.send('slash_commands', incident('second'));
    expect(delivery.ack.payload).toEqual({ text: 'Declaring "second"…' });
    await vi.waitFor(() => expect(slack.responses).toHaveLength(2));
  });

  test('an unacknowledged envelope rejects send() after its timeout', async () => {
    await socketApp().start();
    await expect(socket.send('slash_commands', incident('x', '/unregistered'), { timeoutMs: 300 })).rejects.toThrow(/not acknowledged within 300 ms/);
  });
});
