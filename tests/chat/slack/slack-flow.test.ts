import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { FakeSlack } from '../../fakes/slack/server.ts';
import { slackWorld } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;
const textOf = (message: { text: string; blocks: unknown }) => `${message.text}\n${JSON.stringify(message.blocks)}`;
const room = (fake: FakeSlack) => fake.channel('inc-1-smart-contacts-not-exchanging-messages')!;

describe('the Slack app, end to end through signed requests and a fake Slack', () => {
  let w: World;
  beforeAll(async () => {
    w = await slackWorld();
  });
  afterAll(async () => {
    await w?.stop();
  });

  test('an admin subscribes customer channels; others may not, and the bot must be in the channel', async () => {
    const acme = await w.command('alice', 'C0ACME', 'channel subscribe --lang pt-BR --tz America/Sao_Paulo');
    expect(acme.status).toBe(200);
    expect(acme.reply).toBe('#acme-status now receives approved public updates for every incident, in pt-BR, times in America/Sao_Paulo.');
    const globex = await w.command('alice', 'C0GLOBEX', 'channel subscribe --components Analytics');
    expect(globex.reply).toContain('for incidents affecting Analytics, in en');
    expect((await w.command('bob', 'C0GLOBEX', 'channel subscribe')).reply).toContain('Only crisisroom admins can manage customer channels');
    expect((await w.command('alice', 'C0NOBOT', 'channel subscribe')).reply).toContain('Invite crisisroom to this channel first');
    expect((await w.command('alice', 'C0GENERAL', 'channel list')).reply).toContain('#acme-status · all components · pt-BR · America/Sao_Paulo');
  });

  test('declaring opens a crisis room: people invited, topic and purpose set, briefing pinned', async () => {
    const declared = await w.command('alice', 'C0GENERAL', 'declare Smart Contacts not exchanging messages --sev 2 --components "CRM, Core"');
    expect(declared.reply).toContain('Declared INC-1: Smart Contacts not exchanging messages (SEV2, investigating). alice is the commander.');
    const channel = room(w.fake);
    expect(channel).toBeDefined();
    expect([...channel.members].sort()).toEqual(['U0ALICE', 'U0BOT', 'U0CAROL']);
    expect(channel.topic).toContain('INC-1 · investigating · SEV2 (major) · commander alice');
    expect(channel.purpose).toContain('Smart Contacts not exchanging messages');
    const [briefing] = w.fake.pins(channel.id);
    const pinned = w.fake.messages(channel.id).find((m) => m.ts === briefing)!;
    expect(textOf(pinned)).toContain('INC-1: Smart Contacts not exchanging messages');
    expect(textOf(pinned)).toContain('<@U0ALICE>');
  });

  test('inside the room, verbs act on its incident; the briefing follows every change', async () => {
    const channel = room(w.fake);
    expect((await w.command('bob', channel.id, 'note cache service disconnected')).reply).toBe('Noted on INC-1 (timeline #2).');
    await w.command('bob', channel.id, 'components CRM=major_outage');
    await w.command('alice', channel.id, 'sev 1');
    const briefing = w.fake.messages(channel.id).find((m) => m.ts === w.fake.pins(channel.id)[0])!;
    expect(briefing.edited).toBeDefined();
    expect(textOf(briefing)).toMatch(/SEV1/);
    expect(room(w.fake).topic).toContain('SEV1 (critical)');
  });

  test('a public draft posts an approval card showing what each customer language will read', async () => {
    const channel = room(w.fake);
    const drafted = await w.command('bob', channel.id, 'public investigating We are investigating failures <!channel> <https://evil.example|bank.com>');
    expect(drafted.reply).toContain('Drafted D1 for INC-1 (investigating)');
    const card = w.fake.messages(channel.id).at(-1)!;
    const shown = textOf(card);
    expect(shown).toContain('Approve');
    expect(shown).toContain('Edit');
    expect(shown).toContain('Reject');
    expect(shown).toContain('Investigando');
    expect(shown).toContain('&lt;!channel&gt;');
    expect(shown).not.toMatch(/[^;]<!channel>/);
  });

  test('only the commander approves: outsiders and other responders are refused privately; a double click approves once', async () => {
    const channel = room(w.fake);
    const card = w.fake.messages(channel.id).at(-1)!;
    expect((await w.click('mallory', channel.id, card.ts, 'draft_approve')).reply).toContain('Only members of the workspace that runs crisisroom');
    expect((await w.click('bob', channel.id, card.ts, 'draft_approve')).reply).toBe('Only the commander of INC-1 (alice) can approve D1.');
    const [first, second] = await Promise.all([w.click('alice', channel.id, card.ts, 'draft_approve'), w.click('alice', channel.id, card.ts, 'draft_approve')]);
    expect([first.reply, second.reply].filter((reply) => reply.includes('already approved') || reply.includes('decided by someone else'))).toHaveLength(1);
    await w.app.settle();
    const updated = w.fake.messages(channel.id).find((m) => m.ts === card.ts)!;
    expect(textOf(updated)).toContain('Approved by alice');
    expect(textOf(updated)).not.toContain('draft_approve');
  });

  test('the approved update reaches the subscribed customer channel, localized, escaped, without unfurling', async () => {
    const [parent, ...others] = w.fake.messages('C0ACME');
    expect(others).toEqual([]);
    expect(parent!.unfurl_links).toBe(false);
    const shown = textOf(parent!);
    expect(shown).toContain('Investigando');
    expect(shown).toMatch(/\d{2}:\d{2} GMT-03:00/);
    expect(shown).toContain('&lt;!channel&gt;');
    // Globex follows Analytics only: nothing of this incident goes there.
    expect(w.fake.messages('C0GLOBEX')).toEqual([]);
    const summary = (await (await fetch(`${w.app.url}/api/v2/summary.json`)).json()) as { incidents: { id: string }[] };
    expect(summary.incidents.map((i) => i.id)).toEqual(['INC-1']);
  });

  test('later updates are thread replies and the parent shows the current status; resolved at the end', async () => {
    const channel = room(w.fake);
    await w.command('bob', channel.id, 'public identified Fault identified: the cache service.');
    await w.click('alice', channel.id, w.fake.messages(channel.id).at(-1)!.ts, 'draft_approve');
    await w.command('alice', channel.id, 'resolve The Blip Portal and Blip Desk are working again.');
    await w.click('alice', channel.id, w.fake.messages(channel.id).at(-1)!.ts, 'draft_approve');
    const [parent] = w.fake.messages('C0ACME').filter((m) => !m.thread_ts);
    const replies = w.fake.replies('C0ACME', parent!.ts);
    expect(replies.map((r) => textOf(r).includes('Identificado') || textOf(r).includes('Resolvido'))).toEqual([true, true]);
    expect(textOf(parent!)).toContain('Resolvido');
    expect(parent!.edited).toBeDefined();
  });

  test('requests that are forged, stale, from the future or retried change nothing', async () => {
    const channel = room(w.fake);
    const notesBefore = w.fake.calls.length;
    const now = Math.floor(Date.now() / 1000);
    const { slashCommand } = await import('../../fakes/slack/signed-request.ts');
    const fields = { text: 'note forged', user_id: 'U0ALICE', team_id: 'T0HOME', channel_id: channel.id, response_url: w.fake.responseUrl() };
    expect((await slashCommand(w.endpoint, 'wrong-secret', fields)).status).toBe(401);
    expect((await slashCommand(w.endpoint, 'test-signing-secret', fields, { timestamp: now - 6 * 60 })).status).toBe(401);
    expect((await slashCommand(w.endpoint, 'test-signing-secret', fields, { timestamp: now + 6 * 60 })).status).toBe(401);
    expect(w.fake.calls.length).toBe(notesBefore);

    const trigger = (await import('../../fakes/slack/signed-request.ts')).triggerId();
    await w.command('bob', channel.id, 'note said once', { trigger_id: trigger });
    const retried = await w.command('bob', channel.id, 'note said once', { trigger_id: trigger, retryNum: 1 });
    expect(retried.status).toBe(200);
    const timeline = await w.command('bob', channel.id, 'timeline');
    expect(timeline.reply.match(/said once/g)).toHaveLength(1);
  });
});
