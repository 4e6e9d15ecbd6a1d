// The fake Slack Web API in a process of its own, so a benchmark of crisisroom does not also pay
// for the fake's work. Takes its settings as one JSON argument; prints one JSON line with its
// address and a response URL, then serves until killed.
import { z } from 'zod';
import { startFakeSlack } from '../tests/fakes/slack/server.ts';
import { customerChannelId } from './fake-slack.ts';

const Settings = z.object({
  /** Customer channels C0000, C0001…, with the bot in each. */
  channels: z.int().min(0).default(0),
  postRateLimitPerChannelPerSecond: z.number().min(0).default(0),
  workspacePostsPerSecond: z.number().positive().optional(),
  transientFailureRate: z.number().min(0).max(1).default(0),
  updatesPerMinute: z.number().positive().optional(),
});
const settings = Settings.parse(JSON.parse(process.argv[2] ?? '{}'));

const fake = await startFakeSlack({
  token: 'xoxb-bench',
  teamId: 'T0HOME',
  botUserId: 'U0BOT',
  users: [{ id: 'U0ALICE', name: 'alice', tz: 'America/Sao_Paulo', teamId: 'T0HOME' }],
  channels: [
    { id: 'C0GENERAL', name: 'general', members: ['U0ALICE'] },
    ...Array.from({ length: settings.channels }, (_, i) => ({ id: customerChannelId(i), name: `customer-${i}`, members: ['U0BOT'] })),
  ],
  postRateLimitPerChannelPerSecond: settings.postRateLimitPerChannelPerSecond,
  transientFailureRate: settings.transientFailureRate,
  ...(settings.workspacePostsPerSecond ? { workspacePostsPerSecond: settings.workspacePostsPerSecond } : {}),
  ...(settings.updatesPerMinute ? { updatesPerMinute: settings.updatesPerMinute } : {}),
});
process.stdout.write(`${JSON.stringify({ url: fake.url, responseUrl: fake.responseUrl() })}\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
