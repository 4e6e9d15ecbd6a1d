import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../../src/app.ts';
import { type AppConfig, loadConfig } from '../../src/config.ts';
import { type Clock, systemClock } from '../../src/time/clock.ts';
import { startFakeBotFrameworkAuth } from '../fakes/teams/bot-framework-auth.ts';
import { startFakeConnector } from '../fakes/teams/connector.ts';
import { startFakeGraph } from '../fakes/teams/graph.ts';

export const appId = '6f1f4c1e-5b7a-4d8e-9a51-1c2b3d4e5f60';
const appPassword = 'test-teams-password~secret';
export const homeTenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
export const otherTenant = '0d9b1c3e-1111-4222-8333-944455566677';
export const botId = `28:${appId}`;

export const people = {
  alice: { id: '29:1alice', aadObjectId: 'a1a1a1a1-0000-4000-8000-000000000001', name: 'Alice Silva', timezone: 'America/Sao_Paulo' },
  bob: { id: '29:1bob', aadObjectId: 'b2b2b2b2-0000-4000-8000-000000000002', name: 'Bob Lima', timezone: 'Europe/Lisbon' },
  carol: { id: '29:1carol', aadObjectId: 'c4c4c4c4-0000-4000-8000-000000000004', name: 'Carol Souza', timezone: 'America/Sao_Paulo' },
} as const;
export type Person = keyof typeof people;

export const teamId = '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';

export const channels = {
  general: '19:general0000@thread.tacv2',
  incidents: '19:incidents0000@thread.tacv2',
  customers: '19:customers0000@thread.tacv2',
  personalAlice: 'a:1personal-alice',
} as const;

export interface SendOptions {
  /** The channel's conversation (threaded) or a personal chat. */
  where?: 'channel' | 'personal';
  tenant?: string;
  /** Token tampering for the refusal tests. */
  token?: (sign: Awaited<ReturnType<typeof startFakeBotFrameworkAuth>>) => Promise<string>;
  serviceUrl?: string;
  rawText?: string;
  extraEntities?: unknown[];
  /** The channel a channel message is in (default: general). */
  channel?: string;
}

/** The activity Teams sends to the bot when `who` writes `@crisisroom <text>` (in a channel) or `<text>` (in a personal chat). */
export function teamsActivity(who: Person, text: string, id: string, options: SendOptions & { serviceUrl: string }) {
  const person = people[who];
  const inChannel = (options.where ?? 'channel') === 'channel';
  const channel = options.channel ?? channels.general;
  const tenant = options.tenant ?? homeTenant;
  const mention = '<at>crisisroom</at>';
  return {
    type: 'message',
    id,
    timestamp: '2021-09-15T13:50:00.000Z',
    localTimestamp: '2021-09-15T10:50:00.000-03:00',
    localTimezone: person.timezone,
    serviceUrl: options.serviceUrl,
    channelId: 'msteams',
    from: { id: person.id, aadObjectId: person.aadObjectId, name: person.name },
    recipient: { id: botId, name: 'crisisroom' },
    conversation: inChannel
      ? { isGroup: true, conversationType: 'channel', tenantId: tenant, id: `${channel};messageid=${id}` }
      : { conversationType: 'personal', tenantId: tenant, id: channels.personalAlice },
    text: options.rawText ?? (inChannel ? `${mention} ${text}` : text),
    textFormat: 'plain',
    entities: [
      ...(inChannel ? [{ type: 'mention', text: mention, mentioned: { id: botId, name: 'crisisroom' } }] : []),
      { type: 'clientInfo', locale: 'en-US', country: 'BR', platform: 'Web', timezone: person.timezone },
      ...(options.extraEntities ?? []),
    ],
    channelData: {
      tenant: { id: tenant },
      ...(inChannel
        ? {
            teamsChannelId: channel,
            channel: { id: channel, ...(channel === channels.general ? {} : { name: 'Customers' }) },
            team: { id: channels.general, aadGroupId: teamId },
          }
        : {}),
    },
  };
}

/**
 * The fake Bot Framework (token endpoint, OpenID document, Bot Connector) and the fake Graph of
 * `teamId`, all knowing `people`; the environment that points crisisroom at them; and a signed POST
 * of an activity, as Teams sends it.
 */
export async function startTeamsFakes(options: { rateLimits?: { tenantPerSecond?: number } } = {}) {
  const auth = await startFakeBotFrameworkAuth();
  const connector = await startFakeConnector({
    appId,
    appPassword,
    members: Object.values(people).map(({ id, aadObjectId, name }) => ({ id, aadObjectId, name })),
    ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
  });
  const graph = await startFakeGraph({
    teamId,
    members: Object.values(people).map((p) => ({ userId: p.aadObjectId, displayName: p.name })),
    audienceOf: connector.audienceOf,
    messagesOf: connector.messagesOf,
    appId,
  });
  return {
    auth,
    connector,
    graph,
    env: {
      TEAMS_APP_ID: appId,
      TEAMS_APP_PASSWORD: appPassword,
      TEAMS_TENANT_ID: homeTenant,
      TEAMS_SERVICE_URL: connector.serviceUrl,
      TEAMS_OPENID_METADATA_URL: auth.openIdMetadataUrl,
      TEAMS_TOKEN_URL: connector.tokenUrl,
      GRAPH_API_URL: graph.url,
    },
    /** POSTs an activity to `endpoint` with a Bot Framework token (by default a valid one for this app). */
    async post(endpoint: string, activity: unknown, token?: SendOptions['token']): Promise<Response> {
      const bearer = token ? await token(auth) : await auth.sign({ appId, serviceUrl: connector.serviceUrl, issuedAt: new Date() });
      return fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
        body: JSON.stringify(activity),
      });
    },
    close: async () => {
      await connector.close();
      await graph.close();
      await auth.close();
    },
  };
}

/**
 * A crisisroom process (SQLite unless given a database, real HTTP server, the Teams SDK behind crisisroom's own token
 * check) talking to a fake Bot Framework: signed activities in at /api/messages, replies out to a
 * fake Bot Connector, bot tokens from a fake token endpoint.
 */
export async function teamsWorld(
  options: {
    teams?: Partial<AppConfig['teams']>;
    operations?: AppConfig['operations'];
    clock?: Clock;
    databaseUrl?: string;
    rateLimits?: { tenantPerSecond?: number };
    followUps?: AppConfig['followUps'];
    remindersIntervalMs?: number;
  } = {},
) {
  const fakes = await startTeamsFakes(options.rateLimits ? { rateLimits: options.rateLimits } : {});
  const { auth, connector, graph } = fakes;
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-teams-'));
  const config = loadConfig({
    CRISISROOM_DATA_DIR: join(dir, 'data'),
    PORT: '0',
    ...fakes.env,
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  config.teams = { ...config.teams, ...options.teams };
  if (options.operations) config.operations = options.operations;
  if (options.followUps) config.followUps = options.followUps;
  config.statusPage = { name: 'Take Blip Status', timeZone: 'America/Sao_Paulo', languages: ['en', 'pt-BR'] };
  config.components = [{ group: 'Take Blip Platform', items: ['CRM', 'Core', 'Analytics', 'Portal'] }];
  const log: string[] = [];
  const app = await startApp(config, options.clock ?? systemClock, (message, error) => log.push(`${message}${error ? ` :: ${String(error)}` : ''}`), {
    teamsTimeoutMs: 2000,
    ...(options.remindersIntervalMs ? { remindersIntervalMs: options.remindersIntervalMs } : {}),
  });
  const endpoint = `${app.url}/api/messages`;
  let sequence = 0;

  /** Builds the activity Teams sends when `who` writes `@crisisroom <text>`. */
  const activity = (who: Person, text: string, options: SendOptions = {}) =>
    teamsActivity(who, text, `17000000000${++sequence}`, { serviceUrl: connector.serviceUrl, ...options });

  /** POSTs a signed activity and resolves with Teams' answer, without waiting for the work it causes. */
  async function deliver(who: Person, text: string, options: SendOptions = {}) {
    const body = activity(who, text, options);
    const response = await fakes.post(endpoint, body, options.token);
    return { response, body };
  }

  /** POSTs a signed activity; resolves with the HTTP status and what the bot sent back to the connector. */
  async function send(who: Person, text: string, options: SendOptions = {}) {
    const before = connector.received.length;
    const { response, body } = await deliver(who, text, options);
    await app.settle();
    const replies = connector.received.slice(before);
    return { status: response.status, activity: body, replies, reply: replies.map((r) => String(r.body.text ?? '')).join('\n') };
  }

  return {
    auth,
    connector,
    graph,
    app,
    endpoint,
    log,
    activity,
    deliver,
    send,
    stop: async () => {
      await app.stop();
      await fakes.close();
    },
  };
}

/** The words of the Adaptive Cards a message carries: every text, title and value, in card order, a line each. */
export function cardWords(body: Record<string, unknown>): string {
  const words: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value']) if (typeof record[key] === 'string') words.push(record[key]);
    // An action's data is what the bot gets back, not what anyone reads.
    for (const [key, value] of Object.entries(record)) if (key !== 'data') walk(value);
  };
  walk(body.attachments);
  return words.join('\n');
}
