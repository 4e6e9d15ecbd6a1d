// The fake Slack Web API in a process of its own, so a benchmark of crisisroom does not also pay
// for the fake's work. Prints one JSON line with its address and a response URL, then serves until killed.
import { startFakeSlack } from '../tests/fakes/slack/server.ts';

const fake = await startFakeSlack({
  token: 'xoxb-bench',
  teamId: 'T0HOME',
  botUserId: 'U0BOT',
  users: [{ id: 'U0ALICE', name: 'alice', tz: 'America/Sao_Paulo', teamId: 'T0HOME' }],
  channels: [{ id: 'C0GENERAL', name: 'general', members: ['U0ALICE'] }],
  postRateLimitPerChannelPerSecond: 0,
});
process.stdout.write(`${JSON.stringify({ url: fake.url, responseUrl: fake.responseUrl() })}\n`);
process.on('SIGTERM', () => void fake.close().then(() => process.exit(0)));
