import { afterAll, describe, expect, test } from 'vitest';
import type { Failure } from '../../fakes/slack/server.ts';
import { eventually } from '../../support/processes.ts';
import { slackWorld } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;

/** Every Web API method a crisis room's life calls, from its creation to its resolution. */
const roomMethods = [
  'conversations.create',
  'conversations.invite',
  'conversations.setPurpose',
  'conversations.setTopic',
  'chat.postMessage',
  'pins.add',
  'chat.update',
];

const faults: [string, Failure][] = [
  ['rate limited, with Retry-After', { status: 429, retryAfter: 1 }],
  ['rate limited, without Retry-After', { status: 429, retryAfter: null }],
  ['answering 500', { status: 500 }],
  ['hanging', { hang: true }],
  ['doing the call but losing its answer', { lose: true }],
];

const worlds: World[] = [];
afterAll(async () => {
  await Promise.all(worlds.map((w) => w.stop()));
});

const roomJobs = (w: World) => w.app.db.prisma.job.findMany({ where: { kind: 'room.slack' }, orderBy: { id: 'asc' } });
const textOf = (message: { text: string; blocks?: unknown }) => `${message.text} ${JSON.stringify(message.blocks ?? [])}`;
const keyOf = (message: { metadata?: unknown }) => (message.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;

describe.concurrent('a crisis room converges whatever Slack does to each call', () => {
  test.each(faults)(
    'Slack %s at every step of declare, note, handover, draft, approval and resolve',
    async (_name, fault) => {
      const w = await slackWorld();
      worlds.push(w);
      // The first call of every method fails; and again once the room exists, for the changes after.
      for (const method of roomMethods) w.fake.failNext(method, fault);
      await w.command('alice', 'C0GENERAL', 'declare Ticket distribution stopped --sev 2');
      const name = 'inc-1-ticket-distribution-stopped';
      await eventually(async () => expect(w.fake.channel(name)?.members).toContain('U0CAROL'), 30_000);
      const room = w.fake.channel(name)!.id;
      for (const method of roomMethods) w.fake.failNext(method, fault);
      await w.command('alice', room, 'note the queue is draining');
      await w.command('alice', room, 'commander <@U0DAVE>');
      await w.command('dave', room, 'public investigating Some customers cannot open tickets.');
      await w.command('dave', room, 'approve');
      await w.command('dave', room, 'resolve Tickets are distributed again.');
      await w.command('dave', room, 'approve');
      await eventually(async () => expect((await roomJobs(w)).filter((job) => job.state !== 'done')).toEqual([]), 60_000);

      // Created once: no second channel took a suffixed name.
      expect(w.fake.channel(`${name}-2`)).toBeUndefined();
      expect(w.fake.channel(name)!.members).toEqual(expect.arrayContaining(['U0BOT', 'U0ALICE', 'U0CAROL', 'U0DAVE']));
      expect(w.fake.channel(name)!.topic).toMatch(/^INC-1 · resolved · SEV2 .* · commander dave$/);
      const messages = w.fake.messages(room);
      // One briefing, pinned once, showing the end; one card per draft, each showing its decision.
      const briefings = messages.filter((m) => keyOf(m) === 'room:briefing:1');
      expect(briefings).toHaveLength(1);
      expect(w.fake.pins(room)).toEqual([briefings[0]!.ts]);
      expect(textOf(briefings[0]!)).toMatch(/Resolved/);
      const drafts = await w.app.db.prisma.publicDraft.findMany({ orderBy: { id: 'asc' } });
      expect(drafts.map((d) => d.state)).toEqual(['approved', 'approved']);
      for (const draft of drafts) {
        const cards = messages.filter((m) => keyOf(m) === `room:card:${draft.id}`);
        expect(cards).toHaveLength(1);
        expect(textOf(cards[0]!)).toContain('Approved by dave');
      }
      expect(messages.filter((m) => keyOf(m) === undefined).map((m) => m.text)).toEqual([]);
    },
    120_000,
  );
});

describe('briefing edits that wait for their turn', () => {
  test('ten changes while the briefing waits make one edit, showing the newest state', async () => {
    const w = await slackWorld();
    worlds.push(w);
    await w.command('alice', 'C0GENERAL', 'declare Checkout failing --sev 3');
    const room = w.fake.channel('inc-1-checkout-failing')!.id;
    const briefing = w.fake.pins(room)[0]!;
    const edits = () => w.fake.calls.filter((c) => c.method === 'chat.update' && c.args.ts === briefing).length;
    const before = edits();
    // The next edit is refused for 3 s; meanwhile ten changes are recorded.
    w.fake.failNext('chat.update', { status: 429, retryAfter: 3 });
    await w.command('alice', room, 'sev 2');
    for (const sev of [1, 2, 3, 4, 5, 4, 3, 2, 1]) await w.command('alice', room, `sev ${sev}`);
    await eventually(async () => expect((await roomJobs(w)).filter((job) => job.state !== 'done')).toEqual([]), 30_000);
    // The refused edit, its retry, and at most one more for a change recorded after the retry read the incident.
    expect(edits() - before).toBeLessThanOrEqual(3);
    expect(textOf(w.fake.messages(room).find((m) => m.ts === briefing)!)).toContain('SEV1');
    const folded = (await roomJobs(w)).filter((job) => job.result?.includes('foldedInto'));
    expect(folded.length).toBeGreaterThanOrEqual(7);
  }, 60_000);
});

describe('room work still owed is shown', () => {
  test('summary says what the room lacks: a call waiting out a rate limit, and one Slack refused for good', async () => {
    const w = await slackWorld();
    worlds.push(w);
    w.fake.failNext('conversations.create', { status: 429, retryAfter: 30 });
    await w.command('alice', 'C0GENERAL', 'declare Checkout failing --sev 3');
    const waiting = await w.command('alice', 'C0GENERAL', 'summary INC-1');
    expect(waiting.reply).toMatch(
      /^Room work: Slack: opening the crisis room, retry in (29|30) s \(attempt 1 failed: Slack rate-limited conversations\.create\)$/m,
    );

    w.fake.failNext('conversations.create', { error: 'restricted_action' });
    await w.command('alice', 'C0GENERAL', 'declare Login slow --sev 3');
    await eventually(
      async () =>
        expect((await w.command('alice', 'C0GENERAL', 'summary INC-2')).reply).toMatch(
          /^Room work: Slack: opening the crisis room, given up: Slack refused conversations\.create: restricted action$/m,
        ),
      10_000,
    );
    expect(w.fake.channel('inc-2-login-slow')).toBeUndefined();
    // The person who declared hears it from the app, in a direct message, once.
    await eventually(
      async () =>
        expect(w.fake.messages('D0ALICE').map((m) => m.text)).toEqual([
          ':warning: crisisroom gave up opening the crisis room for INC-2: Slack refused conversations.create: restricted action. /incident summary shows what the room still lacks.',
        ]),
      10_000,
    );
  }, 60_000);
});
