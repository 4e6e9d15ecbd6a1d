// The benchmarks' side of the fake Slack in its own process (bench/fake-slack-process.ts): starting
// it, naming its customer channels, and counting through Slack's own API what crisisroom posted.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { missingAndDuplicated } from './deliveries.ts';

export interface FakeSlackSettings {
  channels: number;
  postRateLimitPerChannelPerSecond: number;
  workspacePostsPerSecond: number;
  transientFailureRate: number;
  updatesPerMinute?: number;
}

/** The fake's Web API address, a response URL (for slash commands), and how to stop it. */
export async function startFakeSlackProcess(settings: FakeSlackSettings): Promise<{ url: string; responseUrl: string; stop(): void }> {
  const child = spawn(process.execPath, ['bench/fake-slack-process.ts', JSON.stringify(settings)], {
    cwd: join(import.meta.dirname, '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const { url, responseUrl } = await new Promise<{ url: string; responseUrl: string }>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(JSON.parse(chunk.toString()) as { url: string; responseUrl: string }));
    child.once('exit', (code) => reject(new Error(`the fake Slack exited with ${code}`)));
  });
  return { url, responseUrl, stop: () => child.kill('SIGTERM') };
}

/** The fake's customer channels: C0000, C0001… */
export const customerChannelId = (i: number) => `C${String(i).padStart(4, '0')}`;

const ours = (m: { metadata?: unknown }) => (m.metadata as { event_type?: string } | undefined)?.event_type === 'crisisroom_update';

/** Counts, per channel, the messages carrying a crisisroom delivery key, as Slack itself reports them. */
export async function countSlackPosts(slackApiUrl: string, channels: number) {
  const client = new WebClient('xoxb-bench', { slackApiUrl });
  return missingAndDuplicated(channels, async (i) => {
    const page = await client.conversations.history({ channel: customerChannelId(i), include_all_metadata: true, limit: 100 });
    return (page.messages ?? []).filter(ours).length;
  });
}

/** Counts, per channel, the replies carrying a crisisroom delivery key in the thread of its post. */
export async function countSlackReplies(slackApiUrl: string, channels: number) {
  const client = new WebClient('xoxb-bench', { slackApiUrl });
  return missingAndDuplicated(channels, async (i) => {
    const page = await client.conversations.history({ channel: customerChannelId(i), include_all_metadata: true, limit: 100 });
    const post = (page.messages ?? []).find(ours);
    if (!post?.ts) return 0;
    const thread = await client.conversations.replies({ channel: customerChannelId(i), ts: post.ts, include_all_metadata: true, limit: 100 });
    return (thread.messages ?? []).filter((m) => m.ts !== post.ts && ours(m)).length;
  });
}
