import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../src/app.ts';
import { type AppConfig, loadConfig } from '../../src/config.ts';
import { type Clock, systemClock } from '../../src/time/clock.ts';
import { startFakeSlack } from '../fakes/slack/server.ts';
import { interaction, slashCommand, triggerId } from '../fakes/slack/signed-request.ts';

export const secret = 'test-signing-secret';
const home = 'T0HOME';
export const people = {
  alice: { id: 'U0ALICE', name: 'alice', tz: 'America/Sao_Paulo', teamId: home },
  bob: { id: 'U0BOB', name: 'bob', tz: 'Europe/Lisbon', teamId: home },
  carol: { id: 'U0CAROL', name: 'carol', tz: 'UTC', teamId: home },
  mallory: { id: 'U0MALLORY', name: 'mallory', tz: 'UTC', teamId: 'T0OTHERORG' },
  dave: { id: 'U0DAVE', name: 'dave', tz: 'Asia/Tokyo', teamId: home },
} as const;
type Person = keyof typeof people;

/**
 * A crisisroom process (SQLite unless given a database, real HTTP server, real Bolt receiver) talking to a fake Slack, and
 * helpers that send it what Slack would: signed slash commands and button clicks.
 */
export async function slackWorld(
  options: {
    webhooksAllowLoopback?: boolean;
    parentEditsPerMinute?: number;
    slackUpdatesPerMinute?: number;
    databaseUrl?: string;
    queuedCommandsLimit?: number;
    followUps?: AppConfig['followUps'];
    remindersIntervalMs?: number;
    clock?: Clock;
    /** More of the environment crisisroom is started with (a tracker's token, a configuration file). */
    env?: Record<string, string>;
    /** Changes the configuration before crisisroom starts. */
    configure?: (config: AppConfig) => void;
  } = {},
) {
  const fake = await startFakeSlack({
    token: 'xoxb-test-token',
    teamId: home,
    botUserId: 'U0BOT',
    users: Object.values(people).map((p) => ({ ...p, realName: p.name })),
    channels: [
      { id: 'C0GENERAL', name: 'general', members: ['U0ALICE', 'U0BOB', 'U0CAROL', 'U0MALLORY'] },
      { id: 'C0ACME', name: 'acme-status', isExtShared: true, members: ['U0BOT', 'U0ALICE', 'U0MALLORY'] },
      { id: 'C0GLOBEX', name: 'globex-status', members: ['U0BOT', 'U0ALICE'] },
      { id: 'C0NOBOT', name: 'no-bot-here', members: ['U0ALICE'] },
    ],
    ...(options.slackUpdatesPerMinute ? { updatesPerMinute: options.slackUpdatesPerMinute } : {}),
  });
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-slack-'));
  const config = loadConfig({
    CRISISROOM_DATA_DIR: join(dir, 'data'),
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: secret,
    SLACK_API_URL: fake.url,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
    ...options.env,
  });
  config.statusPage = { name: 'Take Blip Status', timeZone: 'America/Sao_Paulo', languages: ['en', 'pt-BR'] };
  config.components = [{ group: 'Take Blip Platform', items: ['CRM', 'Core', 'Analytics', 'Portal'] }];
  config.slack = {
    responders: ['U0CAROL'],
    admins: ['U0ALICE'],
    channelPrefix: 'inc',
    postsPerSecond: 5,
    parentEditsPerMinute: options.parentEditsPerMinute ?? 600,
    queuedCommandsLimit: options.queuedCommandsLimit ?? 1000,
  };
  config.webhooks = { ...config.webhooks, allowLoopback: options.webhooksAllowLoopback ?? false };
  if (options.followUps) config.followUps = options.followUps;
  options.configure?.(config);
  const log: string[] = [];
  const start = () =>
    startApp(config, options.clock ?? systemClock, (message, error) => log.push(`${message}${error ? ` :: ${String(error)}` : ''}`), {
      slackRetries: 1,
      slackTimeoutMs: 1500,
      cardRefreshMs: 50,
      ...(options.remindersIntervalMs ? { remindersIntervalMs: options.remindersIntervalMs } : {}),
    });
  let app = await start();
  let endpoint = `${app.url}/slack/events`;

  /** Sends `/incident <text>` as `who` in `channel`; resolves with Slack's view of it, replies included. */
  async function command(who: Person, channel: string, text: string, extra: { trigger_id?: string; retryNum?: number; timestamp?: number } = {}) {
    const responseUrl = fake.responseUrl();
    const person = people[who];
    const response = await slashCommand(
      endpoint,
      secret,
      {
        text,
        user_id: person.id,
        user_name: person.name,
        team_id: person.teamId,
        channel_id: channel,
        channel_name: fake.channel(channel)?.name ?? 'unknown',
        response_url: responseUrl,
        trigger_id: extra.trigger_id ?? triggerId(),
      },
      { ...(extra.retryNum ? { retryNum: extra.retryNum } : {}), ...(extra.timestamp ? { timestamp: extra.timestamp } : {}) },
    );
    await app.settle();
    const replies = fake.responses.filter((r) => r.url === responseUrl).map((r) => (r.body as { text?: string }).text ?? '');
    return { ...response, responseUrl, replies, reply: replies.join('\n') };
  }

  /**
   * Clicks a button of a message the bot posted; `value`, the one it had on a copy of the message
   * since edited; `timestamp`, Slack's time of the click (a test clock's).
   */
  async function click(who: Person, channel: string, messageTs: string, actionId: string, extra: { value?: string; timestamp?: number } = {}) {
    const message = fake.messages(channel).find((m) => m.ts === messageTs);
    type Element = { action_id?: string; value?: string };
    const button = (message?.blocks as { type: string; elements?: Element[]; accessory?: Element }[] | undefined)
      ?.flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])])
      .find((element) => element.action_id === actionId);
    if (!button) throw new Error(`no ${actionId} button on ${channel} ${messageTs}`);
    const responseUrl = fake.responseUrl();
    const person = people[who];
    const response = await interaction(
      endpoint,
      secret,
      {
        type: 'block_actions',
        user: { id: person.id, username: person.name, name: person.name, team_id: person.teamId },
        team: { id: person.teamId, domain: 'example' },
        api_app_id: 'A0FAKEAPP01',
        trigger_id: triggerId(),
        response_url: responseUrl,
        container: { type: 'message', message_ts: messageTs, channel_id: channel, is_ephemeral: false },
        channel: { id: channel, name: fake.channel(channel)?.name },
        message,
        actions: [
          {
            type: 'button',
            action_id: actionId,
            block_id: 'b',
            value: extra.value ?? button.value,
            action_ts: String(Date.now() / 1000),
            text: { type: 'plain_text', text: actionId },
          },
        ],
      },
      extra.timestamp === undefined ? {} : { timestamp: extra.timestamp },
    );
    await app.settle();
    const replies = fake.responses.filter((r) => r.url === responseUrl).map((r) => (r.body as { text?: string }).text ?? '');
    return { ...response, reply: replies.join('\n') };
  }

  return {
    fake,
    get app() {
      return app;
    },
    get endpoint() {
      return endpoint;
    },
    log,
    command,
    click,
    /** Stops crisisroom and starts it again on the same data and configuration, as a restart does. */
    restart: async () => {
      await app.stop();
      app = await start();
      endpoint = `${app.url}/slack/events`;
    },
    stop: async () => {
      await app.stop();
      await fake.close();
    },
  };
}

/** What Slack sends when a person submits a modal: the values keyed by block and action. */
export function submission(
  who: keyof typeof people,
  view: { id: string; callback_id: string; private_metadata?: string },
  values: Record<string, Record<string, unknown>>,
) {
  const person = people[who];
  return {
    type: 'view_submission',
    team: { id: person.teamId, domain: 'example' },
    user: { id: person.id, username: person.name, name: person.name, team_id: person.teamId },
    api_app_id: 'A0FAKEAPP01',
    trigger_id: triggerId(),
    view: { ...view, type: 'modal', private_metadata: view.private_metadata ?? '', hash: `h-${view.id}`, state: { values } },
  };
}
