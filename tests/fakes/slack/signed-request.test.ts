import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, verifySlackRequest } from '@slack/bolt';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { type FakeSlack, startFakeSlack } from './server.ts';
import { event, interaction, signature, slashCommand, triggerId } from './signed-request.ts';

const SECRET = 'fake-signing-secret';
const TOKEN = 'xoxb-fake-token';
const BOT = 'U0BOT00001';
const TEAM = 'T0FAKE0001';

let fake: FakeSlack;
let server: Server;
let endpoint: string;
const retries: (number | undefined)[] = [];

beforeAll(async () => {
  fake = await startFakeSlack({
    token: TOKEN,
    teamId: TEAM,
    botUserId: BOT,
    users: [{ id: 'U0ALICE001', name: 'alice', tz: 'Europe/Berlin', teamId: TEAM }],
    channels: [{ id: 'C0GENERAL1', name: 'general', members: [BOT, 'U0ALICE001'] }],
    postRateLimitPerChannelPerSecond: 0,
  });
  // A real Bolt app on HTTPReceiver: it verifies signatures itself, so acceptance here is Bolt's word, not ours.
  const receiver = new HTTPReceiver({ signingSecret: SECRET, logLevel: LogLevel.ERROR });
  const app = new App({ token: TOKEN, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } } });
  app.command('/incident', async ({ ack, command, client, respond }) => {
    await ack();
    await client.chat.postMessage({ channel: command.channel_id, text: `declared: ${command.text}` });
    await respond({ text: 'declared', response_type: 'ephemeral' });
  });
  app.action('acknowledge', async ({ ack, body, client }) => {
    await ack();
    await client.views.open({
      trigger_id: (body as { trigger_id: string }).trigger_id,
      view: { type: 'modal', title: { type: 'plain_text', text: 'Acknowledge' }, blocks: [] },
    });
  });
  app.event('app_mention', async ({ event: mention, client, context }) => {
    retries.push(context.retryNum);
    await client.chat.postMessage({ channel: mention.channel, thread_ts: mention.ts, text: 'on it' });
  });
  server = createServer(receiver.requestListener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await fake.close();
});

beforeEach(() => {
  fake.reset();
  retries.length = 0;
});

const command = (responseUrl: string) => ({ text: 'database down', user_id: 'U0ALICE001', team_id: TEAM, channel_id: 'C0GENERAL1', response_url: responseUrl });

describe('signature', () => {
  test("is what @slack/bolt's verifySlackRequest accepts, and only with the right secret", () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = 'command=%2Fincident&text=hello';
    const headers = { 'x-slack-signature': signature(SECRET, timestamp, body), 'x-slack-request-timestamp': timestamp };
    expect(() => verifySlackRequest({ signingSecret: SECRET, body, headers })).not.toThrow();
    expect(() => verifySlackRequest({ signingSecret: 'another-secret', body, headers })).toThrow(/signature mismatch/);
    expect(() => verifySlackRequest({ signingSecret: SECRET, body: `${body}&x=1`, headers })).toThrow(/signature mismatch/);
  });
});

describe('requests to a Bolt app', () => {
  test('a slash command is acknowledged, and the handler reaches the fake through the Web API and the response URL', async () => {
    const url = fake.responseUrl();
    const answer = await slashCommand(endpoint, SECRET, command(url));
    expect(answer.status).toBe(200);
    expect(answer.ms).toBeGreaterThan(0);
    await vi.waitFor(() => expect(fake.responses).toMatchObject([{ url, body: { text: 'declared', response_type: 'ephemeral' } }]));
    expect(fake.messages('general').map((m) => m.text)).toEqual(['declared: database down']);
    expect(fake.calls.map((c) => c.method)).toContain('auth.test');
  });

  test('a block action carries a trigger the fake accepts for views.open', async () => {
    const trigger = triggerId();
    const answer = await interaction(endpoint, SECRET, {
      type: 'block_actions',
      user: { id: 'U0ALICE001', username: 'alice', team_id: TEAM },
      team: { id: TEAM, domain: 'fake' },
      api_app_id: 'A0FAKEAPP01',
      trigger_id: trigger,
      response_url: fake.responseUrl(),
      container: { type: 'message', message_ts: '1631712000.000100', channel_id: 'C0GENERAL1' },
      channel: { id: 'C0GENERAL1', name: 'general' },
      actions: [{ type: 'button', action_id: 'acknowledge', block_id: 'b', value: 'INC-1', action_ts: '1631712001.000200' }],
    });
    expect(answer.status).toBe(200);
    await vi.waitFor(() => expect(fake.views).toMatchObject([{ trigger_id: trigger, view: { title: { text: 'Acknowledge' } } }]));
  });

  test('events: url_verification is answered with the challenge; an event_callback reaches its listener with the retry number', async () => {
    const verification = await event(endpoint, SECRET, { type: 'url_verification', token: 'legacy', challenge: 'c-123' });
    expect([verification.status, JSON.parse(verification.body)]).toEqual([200, { challenge: 'c-123' }]);

    const posted = fake.userMessage('general', 'U0ALICE001', `<@${BOT}> status?`);
    const callback = {
      type: 'event_callback',
      team_id: TEAM,
      api_app_id: 'A0FAKEAPP01',
      event_id: 'Ev0FAKE0001',
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM, user_id: BOT, is_bot: true }],
      event: { type: 'app_mention', user: 'U0ALICE001', text: `<@${BOT}> status?`, ts: posted, channel: 'C0GENERAL1', event_ts: posted },
    };
    expect((await event(endpoint, SECRET, callback, { retryNum: 1 })).status).toBe(200);
    await vi.waitFor(() => expect(fake.replies('general', posted).map((m) => m.text)).toEqual(['on it']));
    expect(retries).toEqual([1]);
  });

  test('a forged signature and a stale timestamp are refused, and nothing reaches Slack', async () => {
    const url = fake.responseUrl();
    expect((await slashCommand(endpoint, SECRET, command(url), { signatureOverride: 'v0=deadbeef' })).status).toBe(401);
    expect((await slashCommand(endpoint, 'not-the-secret', command(url))).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await slashCommand(endpoint, SECRET, command(url), { timestamp: stale })).status).toBe(401);
    expect(fake.messages('general')).toEqual([]);
    expect(fake.responses).toEqual([]);
  });
});
