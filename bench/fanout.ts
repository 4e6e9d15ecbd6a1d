// One approved update to 1,000 Slack customer channels through a fake Slack (in its own process)
// that allows one message per second per channel and a workspace-wide rate, and fails 10% of posts
// transiently (half before posting, half losing the answer after posting; every call counts against
// the limits). Reports the time from
// approval to the last delivery against the lower bound those limits allow, and counts, through
// Slack's own API, every channel's messages: none may be missing and none posted twice.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { systemClock } from '../src/time/clock.ts';
import { attemptSummary, channelDeliveriesDone, reportFanout } from './deliveries.ts';
import { countSlackPosts, countSlackReplies, customerChannelId, startFakeSlackProcess } from './fake-slack.ts';
import { subscribeSlackChannels } from '../tests/support/subscriptions.ts';

const channels = Number(process.env.BENCH_FANOUT_CHANNELS ?? 1000);
const workspaceRate = Number(process.env.BENCH_FANOUT_RATE ?? 50);
const failureRate = Number(process.env.BENCH_FANOUT_FAILURES ?? 0.1);
const rounds = Number(process.env.BENCH_FANOUT_ROUNDS ?? 1);

async function round() {
  // chat.update is Slack's Tier 3: about 50 a minute.
  const fake = await startFakeSlackProcess({
    channels,
    postRateLimitPerChannelPerSecond: 1,
    workspacePostsPerSecond: workspaceRate,
    transientFailureRate: failureRate,
    updatesPerMinute: 50,
  });
  const config = loadConfig({
    CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-bench-')), 'data'),
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-bench',
    SLACK_SIGNING_SECRET: 'bench',
    SLACK_API_URL: fake.url,
  });
  config.slack = { ...config.slack, postsPerSecond: workspaceRate };
  mkdirSync(config.dataDir, { recursive: true });
  const seed = await openDatabase(config.databaseUrl, systemClock);
  await subscribeSlackChannels(
    seed,
    Array.from({ length: channels }, (_, i) => ({ id: customerChannelId(i), name: `customer-${i}` })),
    'slack:U0ALICE',
  );
  const app = await startApp(config, systemClock, () => {});
  await app.runConsoleLine({ user: 'bench', line: 'declare Ticket distribution stopped --sev 2' });
  await app.runConsoleLine({ user: 'bench', line: 'public INC-1 investigating Tickets are not being distributed to agents.' });
  await app.settle();

  const started = performance.now();
  await app.runConsoleLine({ user: 'bench', line: 'approve INC-1' });
  await channelDeliveriesDone(seed);
  const seconds = (performance.now() - started) / 1000;
  const summary = await attemptSummary(seed, /#customer-\d+: /);
  const counts = await countSlackPosts(fake.url, channels);

  // The second update is a reply in each channel's thread; the channel's post is edited apart from
  // it, in Slack's far slower turns for chat.update, so the replies must not wait for the edits.
  // Missing and duplicated count the posts of the first update and the replies of the second.
  await app.runConsoleLine({ user: 'bench', line: "public INC-1 identified One server's clock had jumped to 2022." });
  const secondStarted = performance.now();
  await app.runConsoleLine({ user: 'bench', line: 'approve INC-1' });
  await channelDeliveriesDone(seed);
  const second = (performance.now() - secondStarted) / 1000;
  const editsWaiting = await seed.prisma.delivery.count({ where: { target: { startsWith: 'parent:' }, state: 'pending' } });
  const refusedEdits = await seed.prisma.deliveryAttempt.count({ where: { error: { contains: 'rate limited by Slack' } } });
  const replies = await countSlackReplies(fake.url, channels);
  await app.stop();
  await seed.close();
  fake.stop();
  return {
    seconds,
    secondSeconds: second,
    ...summary,
    missing: counts.missing + replies.missing,
    duplicated: counts.duplicated + replies.duplicated,
    note: `${editsWaiting} posts' edits still waiting their turns at ${config.slack.parentEditsPerMinute}/min after the second update's replies, ${refusedEdits} calls refused by Slack`,
  };
}

const results = [];
for (let i = 0; i < rounds; i++) results.push(await round());
reportFanout(results, {
  what: `one update to ${channels} Slack customer channels: 1 post/s per channel, ${workspaceRate} posts/s per workspace`,
  channels,
  rate: workspaceRate,
  failureRate,
  // The edits of the posts go in chat.update's own, far slower turns: the replies are what the update waits for.
  second: { what: 'the replies', callsPerChannel: 1 },
});
