import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { eventually } from '../../support/processes.ts';
import { slackWorld } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;
const textOf = (message: { text: string; blocks: unknown }) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('customer channels when Slack misbehaves', () => {
  let w: World;
  let room: string;

  beforeEach(async () => {
    w = await slackWorld();
    await w.command('alice', 'C0ACME', 'channel subscribe --lang pt-BR');
    await w.command('alice', 'C0GLOBEX', 'channel subscribe');
    await w.command('alice', 'C0GENERAL', 'declare Cache disconnections --sev 2 --components CRM');
    room = w.fake.channel('inc-1-cache-disconnections')!.id;
  });
  afterEach(async () => {
    await w?.stop();
  });

  const approveDraft = async (text: string) => {
    await w.command('alice', room, `public investigating ${text}`);
    return w.command('alice', room, 'approve');
  };

  test('rate limits, server errors and timeouts delay a post but lose nothing and post nothing twice', async () => {
    w.fake.failNext('chat.postMessage', { status: 429, retryAfter: 1 });
    w.fake.failNext('chat.postMessage', { status: 503 });
    w.fake.failNext('chat.postMessage', { status: 500 });
    w.fake.failNext('chat.postMessage', { hang: true });
    // The card in the room is the first post after the draft: the failures land on it and on the customer posts.
    const approved = await approveDraft('Investigating cache disconnections.');
    expect(approved.reply).toContain('Approved INC-1 D1');
    await eventually(async () => {
      expect(w.fake.messages('C0ACME')).toHaveLength(1);
      expect(w.fake.messages('C0GLOBEX')).toHaveLength(1);
    }, 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(w.fake.messages('C0ACME')).toHaveLength(1);
    expect(w.fake.messages('C0GLOBEX')).toHaveLength(1);
    expect(textOf(w.fake.messages('C0ACME')[0]!)).toContain('Investigando');
  });

  test('a post whose response was lost after Slack stored it is found by its metadata on the retry, not posted again', async () => {
    await w.command('alice', room, 'public investigating Investigating cache disconnections.');
    w.fake.failNext('chat.postMessage', { lose: true });
    w.fake.failNext('chat.postMessage', { lose: true });
    await w.command('alice', room, 'approve');
    await eventually(async () => {
      const lookups = w.fake.calls.filter((c) => c.method === 'conversations.history');
      expect(lookups.map((c) => c.args.channel).sort()).toEqual(['C0ACME', 'C0GLOBEX']);
    }, 20_000);
    await w.app.settle();
    expect(w.fake.messages('C0ACME')).toHaveLength(1);
    expect(w.fake.messages('C0GLOBEX')).toHaveLength(1);
    expect(
      w.fake.calls
        .filter((c) => c.method === 'conversations.history')
        .every((c) => c.args.include_all_metadata === 'true' || c.args.include_all_metadata === true),
    ).toBe(true);

    // The next update is a reply: a lost reply is found in the thread the same way.
    await w.command('alice', room, 'public identified The cache cluster is being replaced.');
    w.fake.failNext('chat.postMessage', { lose: true });
    await w.command('alice', room, 'approve');
    await eventually(async () => expect(w.fake.calls.some((c) => c.method === 'conversations.replies')).toBe(true), 20_000);
    await eventually(async () => {
      for (const channel of ['C0ACME', 'C0GLOBEX']) expect(w.fake.replies(channel, w.fake.messages(channel)[0]!.ts)).toHaveLength(1);
    }, 20_000);
    // The retry that finds the reply waits for its backoff.
    await eventually(async () => {
      const report = (await w.command('alice', room, 'deliveries')).reply;
      expect(report).toMatch(/D2 .*: status page, 2 of 2 customer channels\nPublic update D1 .*: status page, 2 of 2 customer channels$/);
    }, 20_000);
  });

  test('an archived channel stops only its own deliveries, and the operator is told', async () => {
    w.fake.archive('C0GLOBEX');
    await approveDraft('First update.');
    await eventually(async () => expect(w.fake.messages('C0ACME')).toHaveLength(1), 10_000);
    await approveDraft('Second update.');
    await eventually(async () => expect(w.fake.replies('C0ACME', w.fake.messages('C0ACME')[0]!.ts)).toHaveLength(1), 10_000);
    expect(w.fake.messages('C0GLOBEX')).toEqual([]);
    expect(w.log.some((line) => line.includes('abandoned: #globex-status: is archived'))).toBe(true);
    await w.app.settle();
    const warnings = w.fake
      .messages(room)
      .map((m) => m.text)
      .filter((text) => text.includes('could not be delivered'));
    expect(warnings).toEqual([
      ':warning: Public update D1 could not be delivered to #globex-status: is archived. The other targets are not affected; /incident deliveries shows them all.',
      ':warning: Public update D2 could not be delivered to #globex-status: is archived. The other targets are not affected; /incident deliveries shows them all.',
    ]);
    // Each approval card says where its update reached, edited as the deliveries settled.
    const cards = w.fake.messages(room).filter((m) => m.text.startsWith('Public update INC-1 D'));
    expect(
      cards.map((card) => JSON.stringify(card.blocks).includes('*Delivered to:* status page, 1 of 2 customer channels — #globex-status failed: is archived')),
    ).toEqual([true, true]);
    const report = (await w.command('alice', room, 'deliveries')).reply.split('\n');
    expect(report[0]).toBe('Deliveries of INC-1:');
    expect(report.slice(1)).toEqual([
      expect.stringMatching(
        /^Public update D2 \(investigating, \d{4}-\d{2}-\d{2} \d{2}:\d{2} GMT-03:00\): status page, 1 of 2 customer channels — #globex-status failed: is archived$/,
      ),
      expect.stringMatching(/^Public update D1 \(investigating, .*\): status page, 1 of 2 customer channels — #globex-status failed: is archived$/),
    ]);
  });

  test('a channel archived between two updates stops there; the other channel goes on', async () => {
    await approveDraft('First update.');
    await eventually(async () => expect(w.fake.messages('C0GLOBEX')).toHaveLength(1), 10_000);
    w.fake.archive('C0GLOBEX');
    await approveDraft('Second update.');
    await eventually(async () => expect(w.fake.replies('C0ACME', w.fake.messages('C0ACME')[0]!.ts)).toHaveLength(1), 10_000);
    await w.app.settle();
    expect(w.fake.replies('C0GLOBEX', w.fake.messages('C0GLOBEX')[0]!.ts)).toEqual([]);
    const report = (await w.command('alice', room, 'deliveries')).reply.split('\n');
    expect(report[1]).toMatch(/^Public update D2 .*: status page, 1 of 2 customer channels — #globex-status failed: is archived$/);
    expect(report[2]).toMatch(/^Public update D1 .*: status page, 2 of 2 customer channels$/);
  });

  test('an update longer than a Slack block is split into several, never refused', async () => {
    // Just under the 4,000 characters a public update may have, and beyond one section's 3,000.
    const long = Array.from({ length: 60 }, (_, i) => `Step ${i}: checked the cache nodes and the agents' status dates.`).join('\n');
    expect(long.length).toBeGreaterThan(3000);
    await approveDraft(long);
    await eventually(async () => expect(w.fake.messages('C0GLOBEX')).toHaveLength(1), 10_000);
    const blocks = w.fake.messages('C0GLOBEX')[0]!.blocks as { type: string; text?: { text: string } }[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    const sections = blocks.filter((b) => b.type === 'section').map((b) => b.text?.text ?? '');
    expect(sections.every((text) => text.length <= 3000)).toBe(true);
    expect(sections.filter((text) => text.includes('Step ')).length).toBeGreaterThanOrEqual(2);
    expect(sections.join('\n')).toContain('Step 59:');
    expect(w.fake.calls.filter((c) => c.method === 'chat.postMessage' && JSON.stringify(c.args).includes('invalid_blocks'))).toEqual([]);
  });
});
