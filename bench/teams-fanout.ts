// One approved update to 1,000 Teams customer channels through a fake Bot Connector (in its own
// process) that enforces Teams' rate limits (per thread, and 50 requests a second per app in a
// tenant) and fails 10% of posts transiently (half with a 500 before storing, half losing the answer
// after storing; every call counts against the limits). Reports the time from approval to the last
// delivery against the lower bound the tenant limit allows; then a second update (a reply and an
// edit of each channel's post) the same way. Counts each channel's posts and replies through
// Microsoft Graph: none may be missing and none posted twice.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { systemClock } from '../src/time/clock.ts';
import { attemptSummary, channelDeliveriesDone, missingAndDuplicated, reportFanout } from './deliveries.ts';

const channels = Number(process.env.BENCH_FANOUT_CHANNELS ?? 1000);
const tenantRate = Number(process.env.BENCH_FANOUT_RATE ?? 50);
const failureRate = Number(process.env.BENCH_FANOUT_FAILURES ?? 0.1);
const rounds = Number(process.env.BENCH_FANOUT_ROUNDS ?? 1);
// BENCH_TEAMS_GRAPH=off: Graph refuses to read channels, so a retry after a lost answer posts again.
const graphReads = process.env.BENCH_TEAMS_GRAPH !== 'off';
const appId = '6f1f4c1e-5b7a-4d8e-9a51-1c2b3d4e5f60';
const appPassword = 'bench-teams-password';
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const teamId = '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';
const body = 'Tickets are not being distributed to agents.';
// No character Teams would escape in its HTML, so the text is found as written.
const secondBody = 'One server clock had jumped to 2022.';

interface FakeTeams {
  serviceUrl: string;
  tokenUrl: string;
  openIdMetadataUrl: string;
  graphUrl: string;
}

async function startFake() {
  const settings = { appId, appPassword, teamId, tenantPerSecond: tenantRate, transientFailureRate: failureRate, messagesReadable: graphReads };
  const child = spawn(process.execPath, ['bench/fake-teams-process.ts', JSON.stringify(settings)], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let refused = '';
  child.stderr.on('data', (chunk: Buffer) => (refused += chunk.toString()));
  const urls = await new Promise<FakeTeams>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as FakeTeams));
    child.once('exit', (code) => reject(new Error(`the fake Teams exited with ${code}: ${refused}`)));
  });
  // The posts are counted through Graph, which must read them whatever crisisroom was allowed.
  const allowReading = () => child.kill('SIGUSR1');
  const stop = () =>
    new Promise<string>((resolve) => {
      child.once('exit', () => resolve(refused.trim()));
      child.kill('SIGTERM');
    });
  return { ...urls, allowReading, stop };
}

const channelId = (i: number) => `19:customer${String(i).padStart(4, '0')}@thread.tacv2`;

interface GraphMessage {
  id: string;
  from: { application?: { id: string } };
  body: { content: string };
}

/**
 * Counts, per channel, crisisroom's posts of the first update, or (given `reply`) its replies of the
 * second in the post's thread, whose post must show that update by then: a post left unedited
 * counts as missing. As Microsoft Graph reports them.
 */
async function countPosted(fake: FakeTeams, reply?: string) {
  const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: appPassword, scope: `${fake.graphUrl}/.default` });
  const { access_token: token } = (await (await fetch(fake.tokenUrl, { method: 'POST', body: form })).json()) as { access_token: string };
  const read = async (path: string) =>
    (
      (await (await fetch(`${fake.graphUrl}/v1.0/teams/${teamId}/channels/${path}?$top=50`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        value: GraphMessage[];
      }
    ).value;
  const ours = (m: GraphMessage, text: string) => m.from.application?.id === appId && m.body.content.includes(text);
  return missingAndDuplicated(channels, async (i) => {
    const posts = await read(`${encodeURIComponent(channelId(i))}/messages`);
    if (!reply) return posts.filter((m) => ours(m, body)).length;
    const post = posts.find((m) => ours(m, reply));
    return post ? (await read(`${encodeURIComponent(channelId(i))}/messages/${post.id}/replies`)).filter((m) => ours(m, reply)).length : 0;
  });
}

async function round() {
  const fake = await startFake();
  const config = loadConfig({
    CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-bench-')), 'data'),
    PORT: '0',
    TEAMS_APP_ID: appId,
    TEAMS_APP_PASSWORD: appPassword,
    TEAMS_TENANT_ID: tenant,
    TEAMS_SERVICE_URL: fake.serviceUrl,
    TEAMS_OPENID_METADATA_URL: fake.openIdMetadataUrl,
    TEAMS_TOKEN_URL: fake.tokenUrl,
    GRAPH_API_URL: fake.graphUrl,
  });
  config.teams = { ...config.teams, postsPerSecond: tenantRate };
  mkdirSync(config.dataDir, { recursive: true });
  const seed = await openDatabase(config.databaseUrl, systemClock);
  const at = systemClock.now();
  await seed.prisma.channelSubscription.createMany({
    data: Array.from({ length: channels }, (_, i) => ({
      platform: 'teams',
      channelId: channelId(i),
      channelName: `Customer ${i}`,
      components: '[]',
      language: 'en',
      timeZone: 'UTC',
      createdById: 'teams:a1a1a1a1-0000-4000-8000-000000000001',
      createdAt: at,
      updatedAt: at,
      serviceUrl: fake.serviceUrl,
      tenantId: tenant,
      teamGroupId: teamId,
    })),
  });
  const app = await startApp(config, systemClock, () => {});
  await app.runConsoleLine({ user: 'bench', line: 'declare Ticket distribution stopped --sev 2' });
  await app.runConsoleLine({ user: 'bench', line: `public INC-1 investigating ${body}` });
  await app.settle();

  const started = performance.now();
  await app.runConsoleLine({ user: 'bench', line: 'approve INC-1' });
  await channelDeliveriesDone(seed);
  const seconds = (performance.now() - started) / 1000;
  const summary = await attemptSummary(seed, /Customer \d+: /);
  fake.allowReading();
  const counts = await countPosted(fake);

  // The second update is a reply in each channel's thread and an edit of the channel's post; both
  // are calls to the Bot Connector, within the same tenant-wide rate, so both are waited for.
  await app.runConsoleLine({ user: 'bench', line: `public INC-1 identified ${secondBody}` });
  const secondStarted = performance.now();
  await app.runConsoleLine({ user: 'bench', line: 'approve INC-1' });
  await channelDeliveriesDone(seed);
  const replied = (performance.now() - secondStarted) / 1000;
  await channelDeliveriesDone(seed, ['channel:', 'parent:']);
  const second = (performance.now() - secondStarted) / 1000;
  const replies = await countPosted(fake, secondBody);
  await app.stop();
  await seed.close();
  const refused = await fake.stop();
  return {
    seconds,
    secondSeconds: second,
    ...summary,
    missing: counts.missing + replies.missing,
    duplicated: counts.duplicated + replies.duplicated,
    note: `second update's replies ${replied.toFixed(2)} s, connector refusals ${refused}`,
  };
}

const results = [];
for (let i = 0; i < rounds; i++) results.push(await round());
reportFanout(results, {
  what: `one update to ${channels} Teams customer channels: Teams' per-thread limits, ${tenantRate} requests/s per tenant${graphReads ? '' : ', Graph refusing to read channels'}`,
  channels,
  rate: tenantRate,
  failureRate,
  second: { what: 'the replies and the edits of the posts', callsPerChannel: 2 },
});
