import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eventually } from '../../support/processes.ts';
import { slackWorld } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;
const customers = ['C0ACME', 'C0GLOBEX'];

/**
 * Slack allows chat.update about 50 times a minute (Tier 3) against several hundred posts: a
 * channel's post of the incident is edited by a delivery of its own, in turns, so no update's reply
 * waits for it, and edits waiting their turn coalesce into one showing the newest state.
 */
describe("editing customer channels' posts in Slack", () => {
  let w: World;
  let room: string;
  const approve = async (status: string, text: string) => {
    await w.command('alice', room, `public ${status} ${text}`);
    return w.command('alice', room, 'approve');
  };
  const parentOf = (channel: string) => w.fake.messages(channel).find((m) => !m.thread_ts || m.thread_ts === m.ts)!;
  const edits = (channel: string) => w.fake.calls.filter((c) => c.method === 'chat.update' && c.args.channel === channel);

  beforeAll(async () => {
    // Turns 5 s apart; the fake Slack refuses chat.update beyond 50 a minute, as Slack does.
    w = await slackWorld({ parentEditsPerMinute: 12, slackUpdatesPerMinute: 50 });
    for (const channel of customers) await w.command('alice', channel, 'channel subscribe');
    await w.command('alice', 'C0GENERAL', 'declare Cache disconnections --sev 2 --components CRM');
    room = w.fake.channel('inc-1-cache-disconnections')!.id;
    await approve('investigating', 'We are investigating cache disconnections.');
    await eventually(async () => expect(customers.map((c) => w.fake.messages(c).length)).toEqual([1, 1]), 10_000);
    await w.app.settle();
  });
  afterAll(async () => w?.stop());

  test('the first post already shows its update: it is not edited', () => {
    expect(customers.flatMap(edits)).toEqual([]);
  });

  test('replies go out without waiting for the edits, and edits waiting their turn coalesce into the newest state', async () => {
    await approve('identified', 'A server clock jumped to 2022.');
    await approve('monitoring', 'The clock is repaired; we are monitoring.');
    const replies = (channel: string) => w.fake.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.args.thread_ts);
    await eventually(async () => {
      for (const channel of customers) expect(JSON.stringify(parentOf(channel).blocks)).toContain('Monitoring');
    }, 20_000);
    for (const channel of customers) {
      expect(replies(channel)).toHaveLength(2);
      // Both replies were posted before the last edit of the channel's post.
      expect(replies(channel).every((reply) => reply.at < edits(channel).at(-1)!.at)).toBe(true);
    }
    // Two updates in two channels, in turns 5 s apart: at least one channel's edits became one.
    expect(customers.flatMap(edits).length).toBeLessThan(4);
    // Waiting for a turn is a retry of its own; none was refused by Slack.
    expect(await w.app.db.prisma.deliveryAttempt.count({ where: { error: { contains: 'rate limited by Slack' } } })).toBe(0);
    const parents = await w.app.db.prisma.channelThread.findMany();
    const newest = await w.app.db.prisma.publication.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(parents.map((p) => p.parentPublicationId)).toEqual([newest.id, newest.id]);
  });

  test('the deliveries people read of name the channels once each, not the edits of their posts', async () => {
    const answer = await w.command('alice', room, 'deliveries');
    expect(answer.reply).toMatch(/D3 \(monitoring, .*\): status page, 2 of 2 customer channels/);
  });
});
