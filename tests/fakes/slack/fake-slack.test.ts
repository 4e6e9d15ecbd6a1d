import { ErrorCode, LogLevel, type Logger, WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { type FakeSlack, startFakeSlack } from './server.ts';
import { triggerId } from './signed-request.ts';

const TOKEN = 'xoxb-fake-token';
const BOT = 'U0BOT00001';

let fake: FakeSlack;
let slack: WebClient;

/** The refusals below are deliberate; WebClient would log each of Slack's explanations as an error. */
const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

const client = (token: string | undefined, options: ConstructorParameters<typeof WebClient>[1] = {}) =>
  new WebClient(token, { slackApiUrl: fake.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: quiet, ...options });

/** The Slack error a call ends in, or the WebClient error code when it is not a platform error. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => undefined,
    (e: unknown) => e,
  )) as { code?: string; data?: { error?: string } } | undefined;
  if (!error) throw new Error('the call succeeded');
  return error.code === ErrorCode.PlatformError ? (error.data?.error ?? '') : (error.code ?? String(error));
}

beforeAll(async () => {
  fake = await startFakeSlack({
    token: TOKEN,
    teamId: 'T0FAKE0001',
    botUserId: BOT,
    users: [
      { id: 'U0ALICE001', name: 'alice', realName: 'Alice Souza', tz: 'America/Sao_Paulo', teamId: 'T0FAKE0001' },
      { id: 'U0BOB00001', name: 'bob', tz: 'Asia/Kolkata', teamId: 'T0FAKE0001' },
    ],
    channels: [
      { id: 'C0GENERAL1', name: 'general', members: [BOT, 'U0ALICE001'] },
      { id: 'C0PARTNER1', name: 'partner-acme', isExtShared: true, members: ['U0ALICE001'] },
    ],
    postRateLimitPerChannelPerSecond: 0,
  });
  slack = client(TOKEN);
});

afterAll(() => fake.close());
beforeEach(() => fake.reset());

describe('a crisis room round trip', () => {
  test('create, invite, post, reply, update and pin land in the fake as Slack would hold them', async () => {
    const auth = await slack.auth.test();
    expect(auth).toMatchObject({ ok: true, user_id: BOT, team_id: 'T0FAKE0001' });

    const created = await slack.conversations.create({ name: 'inc-42-db-down' });
    const id = created.channel!.id!;
    expect(created.channel).toMatchObject({
      id: expect.stringMatching(/^C[A-Z0-9]+$/),
      name: 'inc-42-db-down',
      is_channel: true,
      is_member: true,
      creator: BOT,
    });

    await slack.conversations.invite({ channel: id, users: 'U0ALICE001,U0BOB00001' });
    await slack.conversations.setTopic({ channel: id, topic: 'INC-42 · SEV1' });
    expect(fake.channel('inc-42-db-down')).toMatchObject({ members: [BOT, 'U0ALICE001', 'U0BOB00001'], topic: 'INC-42 · SEV1' });

    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*INC-42* database down' } }];
    const metadata = { event_type: 'incident_declared', event_payload: { id: 42 } };
    const parent = await slack.chat.postMessage({ channel: id, text: 'INC-42 declared', blocks, metadata, unfurl_links: false });
    expect(parent).toMatchObject({ ok: true, channel: id, message: { text: 'INC-42 declared', user: BOT, blocks } });
    expect(parent.ts).toMatch(/^\d{10}\.\d{6}$/);

    const reply = await slack.chat.postMessage({ channel: id, thread_ts: parent.ts!, text: 'investigating' });
    expect(Number(reply.ts)).toBeGreaterThan(Number(parent.ts));
    await slack.chat.update({ channel: id, ts: parent.ts!, text: 'INC-42 resolved' });
    await slack.pins.add({ channel: id, timestamp: parent.ts! });
    const link = await slack.chat.getPermalink({ channel: id, message_ts: reply.ts! });

    const [top, threaded] = fake.messages(id);
    expect(top).toMatchObject({ ts: parent.ts, text: 'INC-42 resolved', blocks: undefined, metadata, unfurl_links: false, edited: { user: BOT } });
    expect(threaded).toMatchObject({ ts: reply.ts, thread_ts: parent.ts, text: 'investigating', user: BOT });
    expect(fake.replies(id, parent.ts!)).toEqual([threaded]);
    expect(fake.pins(id)).toEqual([parent.ts]);
    expect(link.permalink).toBe(`https://fake.slack.test/archives/${id}/p${reply.ts!.replace('.', '')}?thread_ts=${parent.ts}&cid=${id}`);

    const post = fake.calls.find((c) => c.method === 'chat.postMessage')!;
    expect(post.args).toMatchObject({ channel: id, blocks, metadata, unfurl_links: 'false' });
    expect(post.args).not.toHaveProperty('token');
  });

  test('conversations.info, join, members and setPurpose', async () => {
    expect((await slack.conversations.info({ channel: 'C0PARTNER1' })).channel).toMatchObject({ is_ext_shared: true, is_member: false, is_archived: false });
    expect(await refusal(slack.conversations.setPurpose({ channel: 'C0PARTNER1', purpose: 'x' }))).toBe('not_in_channel');
    await slack.conversations.join({ channel: 'C0PARTNER1' });
    expect((await slack.conversations.join({ channel: 'C0PARTNER1' })).warning).toBe('already_in_channel');
    await slack.conversations.setPurpose({ channel: 'C0PARTNER1', purpose: 'Acme status updates' });
    expect(fake.channel('C0PARTNER1')).toMatchObject({ purpose: 'Acme status updates' });
    expect((await slack.conversations.members({ channel: 'C0PARTNER1' })).members).toEqual(['U0ALICE001', BOT]);
    fake.archive('C0PARTNER1');
    expect((await slack.conversations.info({ channel: 'C0PARTNER1' })).channel).toMatchObject({ is_archived: true });
  });

  test('users.info reports the time zone as Slack does', async () => {
    const { user } = await slack.users.info({ user: 'U0ALICE001' });
    expect(user).toMatchObject({
      id: 'U0ALICE001',
      name: 'alice',
      real_name: 'Alice Souza',
      tz: 'America/Sao_Paulo',
      tz_offset: -10800,
      profile: { real_name: 'Alice Souza' },
    });
    expect((await slack.users.info({ user: 'U0BOB00001' })).user).toMatchObject({ real_name: 'bob', tz_offset: 19800, tz_label: 'India Standard Time' });
    expect(await refusal(slack.users.info({ user: 'U0NOBODY01' }))).toBe('user_not_found');
  });

  test('ephemerals, modals and response URLs are recorded', async () => {
    await slack.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0ALICE001', text: 'only you' });
    expect(fake.ephemerals).toMatchObject([{ channel: 'C0GENERAL1', user: 'U0ALICE001', text: 'only you' }]);

    const trigger = triggerId();
    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'Declare' }, blocks: [] };
    const opened = await slack.views.open({ trigger_id: trigger, view });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), type: 'modal', title: view.title });
    await slack.views.update({ view_id: opened.view!.id!, view: { ...view, title: { type: 'plain_text', text: 'Declared' } } });
    expect(fake.views).toMatchObject([{ id: opened.view!.id, trigger_id: trigger, view: { title: { text: 'Declared' } } }]);

    const url = fake.responseUrl();
    const posted = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'done', response_type: 'ephemeral' }),
    });
    expect(posted.status).toBe(200);
    expect(fake.responses).toMatchObject([{ url, body: { text: 'done', response_type: 'ephemeral' } }]);
    expect((await fetch(`${url}-unknown`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe("Slack's refusals", () => {
  test('conversations.create names', async () => {
    expect(await refusal(slack.conversations.create({ name: 'Has Caps' }))).toBe('invalid_name_specials');
    expect(await refusal(slack.conversations.create({ name: 'inc 1' }))).toBe('invalid_name_specials');
    expect(await refusal(slack.conversations.create({ name: 'a'.repeat(81) }))).toBe('invalid_name_maxlength');
    expect(await refusal(slack.conversations.create({ name: '' }))).toBe('invalid_name_required');
    expect(await refusal(slack.conversations.create({ name: 'general' }))).toBe('name_taken');
    expect((await slack.conversations.create({ name: 'a'.repeat(80) })).ok).toBe(true);
  });

  test('conversations.invite', async () => {
    expect(await refusal(slack.conversations.invite({ channel: 'C0NOWHERE1', users: 'U0BOB00001' }))).toBe('channel_not_found');
    expect(await refusal(slack.conversations.invite({ channel: 'C0PARTNER1', users: 'U0BOB00001' }))).toBe('not_in_channel');
    expect(await refusal(slack.conversations.invite({ channel: 'C0GENERAL1', users: 'U0BOB00001,U0NOBODY01' }))).toBe('user_not_found');
    expect(fake.channel('general')!.members).not.toContain('U0BOB00001');
    expect(await refusal(slack.conversations.invite({ channel: 'C0GENERAL1', users: BOT }))).toBe('cant_invite_self');
    expect(await refusal(slack.conversations.invite({ channel: 'C0GENERAL1', users: 'U0ALICE001' }))).toBe('already_in_channel');
    await slack.conversations.invite({ channel: 'C0GENERAL1', users: 'U0ALICE001,U0BOB00001' });
    fake.archive('general');
    expect(await refusal(slack.conversations.invite({ channel: 'C0GENERAL1', users: 'U0BOB00001' }))).toBe('is_archived');
  });

  test('chat.postMessage', async () => {
    const post = (args: Record<string, unknown>) => refusal(slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'hi', ...args } as never));
    const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });
    expect(await post({ channel: 'C0NOWHERE1' })).toBe('channel_not_found');
    expect(await post({ channel: 'C0PARTNER1' })).toBe('not_in_channel');
    expect(await post({ text: undefined })).toBe('no_text');
    expect(await post({ text: 'x'.repeat(40_001) })).toBe('msg_too_long');
    expect(await post({ thread_ts: '1631712000.000100' })).toBe('thread_not_found');
    expect(await post({ blocks: Array.from({ length: 51 }, () => section('x')) })).toBe('invalid_blocks');
    expect(await post({ blocks: [section('x'.repeat(3001))] })).toBe('invalid_blocks');
    expect(await post({ blocks: [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }] })).toBe('invalid_blocks');
    const button = (text: string) => ({ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text } }] });
    expect(await post({ blocks: [button('x'.repeat(76))] })).toBe('invalid_blocks');
    expect(await post({ blocks: [{ text: { type: 'mrkdwn', text: 'no type' } }] })).toBe('invalid_blocks');
    expect(await post({ blocks: [{ type: 'sectoin', text: { type: 'mrkdwn', text: 'typo' } }] })).toBe('invalid_blocks');
    expect(fake.messages('general')).toEqual([]);

    await slack.chat.postMessage({ channel: 'general', blocks: [section('x'.repeat(3000)), button('x'.repeat(75))] });
    fake.archive('general');
    expect(await post({})).toBe('is_archived');
  });

  test('chat.update, chat.postEphemeral, pins.add and views.open', async () => {
    const mine = await slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'mine' });
    const theirs = fake.userMessage('general', 'U0ALICE001', 'theirs');
    expect(await refusal(slack.chat.update({ channel: 'C0GENERAL1', ts: '1631712000.000100', text: 'x' }))).toBe('message_not_found');
    expect(await refusal(slack.chat.update({ channel: 'C0GENERAL1', ts: theirs, text: 'x' }))).toBe('cant_update_message');
    const tooLong = [{ type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } }];
    expect(await refusal(slack.chat.update({ channel: 'C0GENERAL1', ts: mine.ts!, blocks: tooLong }))).toBe('invalid_blocks');

    expect(await refusal(slack.chat.postEphemeral({ channel: 'C0GENERAL1', user: 'U0BOB00001', text: 'x' }))).toBe('user_not_in_channel');

    await slack.pins.add({ channel: 'C0GENERAL1', timestamp: theirs });
    expect(await refusal(slack.pins.add({ channel: 'C0GENERAL1', timestamp: theirs }))).toBe('already_pinned');
    expect(await refusal(slack.pins.add({ channel: 'C0GENERAL1', timestamp: '1631712000.000100' }))).toBe('message_not_found');

    const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x' }, blocks: [] };
    expect(await refusal(slack.views.open({ trigger_id: '', view }))).toBe('invalid_trigger_id');
    expect(await refusal(slack.views.open({ trigger_id: 'not-a-trigger', view }))).toBe('invalid_trigger_id');
    const trigger = triggerId();
    await slack.views.open({ trigger_id: trigger, view });
    expect(await refusal(slack.views.open({ trigger_id: trigger, view }))).toBe('exchanged_trigger_id');
    expect(await refusal(slack.views.update({ view_id: 'V0NOTHERE1', view }))).toBe('not_found');
  });

  test('authentication and unknown methods', async () => {
    expect(await refusal(client(undefined).auth.test())).toBe('not_authed');
    expect(await refusal(client('xoxb-wrong').auth.test())).toBe('invalid_auth');
    expect(await refusal(slack.apiCall('incidents.declare'))).toBe('unknown_method');

    const form = await fetch(`${fake.url}auth.test`, { method: 'POST', body: new URLSearchParams({ token: TOKEN }) });
    expect(await form.json()).toMatchObject({ ok: true, user_id: BOT });
    const json = await fetch(`${fake.url}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: 'C0GENERAL1', text: 'from JSON', blocks: [{ type: 'divider' }] }),
    });
    expect(await json.json()).toMatchObject({ ok: true, message: { text: 'from JSON', blocks: [{ type: 'divider' }] } });
    // Slack reads a token from form bodies only; JSON bodies must use the header.
    const tokenInJson = await fetch(`${fake.url}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: TOKEN }),
    });
    expect(await tokenInJson.json()).toEqual({ ok: false, error: 'not_authed' });
  });

  test('failNext: platform errors, HTTP errors, rate limits and hangs, each once', async () => {
    fake.failNext('chat.postMessage', { error: 'fatal_error' });
    fake.failNext('chat.postMessage', { status: 503 });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    const post = () => slack.chat.postMessage({ channel: 'C0GENERAL1', text: 'hi' });
    expect(await refusal(post())).toBe('fatal_error');
    expect(await refusal(post())).toBe(ErrorCode.HTTPError);
    expect(await post().catch((e: { code: string; retryAfter: number }) => e)).toMatchObject({ code: ErrorCode.RateLimitedError, retryAfter: 7 });
    expect((await post()).ok).toBe(true);

    fake.failNext('auth.test', { hang: true });
    expect(await refusal(client(TOKEN, { timeout: 200 }).auth.test())).toBe(ErrorCode.RequestError);
    expect((await slack.auth.test()).ok).toBe(true);
  });
});

describe('the per-channel post rate limit', () => {
  test('a second post within a second is refused with 429; other channels are not held back', async () => {
    const limited = await startFakeSlack({
      token: TOKEN,
      teamId: 'T0FAKE0001',
      botUserId: BOT,
      users: [],
      channels: [
        { id: 'C0ONE00001', name: 'one', members: [BOT] },
        { id: 'C0TWO00001', name: 'two', members: [BOT] },
      ],
    });
    try {
      const web = new WebClient(TOKEN, { slackApiUrl: limited.url, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: quiet });
      await web.chat.postMessage({ channel: 'C0ONE00001', text: 'first' });
      expect(await web.chat.postMessage({ channel: 'C0ONE00001', text: 'second' }).catch((e: unknown) => e)).toMatchObject({
        code: ErrorCode.RateLimitedError,
        retryAfter: 1,
      });
      const raw = await fetch(`${limited.url}chat.postMessage`, {
        method: 'POST',
        body: new URLSearchParams({ token: TOKEN, channel: 'C0ONE00001', text: 'third' }),
      });
      expect([raw.status, raw.headers.get('retry-after'), await raw.json()]).toEqual([429, '1', { ok: false, error: 'ratelimited' }]);
      expect((await web.chat.postMessage({ channel: 'C0TWO00001', text: 'elsewhere' })).ok).toBe(true);
      expect(limited.messages('one').map((m) => m.text)).toEqual(['first']);

      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await web.chat.postMessage({ channel: 'C0ONE00001', text: 'later' })).ok).toBe(true);
    } finally {
      await limited.close();
    }
  });
});

describe('close', () => {
  test('releases a hung request instead of waiting for it', async () => {
    const hanging = await startFakeSlack({ token: TOKEN, teamId: 'T0FAKE0001', botUserId: BOT, users: [] });
    hanging.failNext('auth.test', { hang: true });
    const web = new WebClient(TOKEN, { slackApiUrl: hanging.url, retryConfig: { retries: 0 }, logger: quiet });
    const call = refusal(web.auth.test());
    await vi.waitFor(() => expect(hanging.calls).toHaveLength(1));
    await hanging.close();
    expect(await call).toBe(ErrorCode.RequestError);
  });
});
