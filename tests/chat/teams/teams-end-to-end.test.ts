import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { messages } from '../../../src/i18n/messages.ts';
import { eventually } from '../../support/processes.ts';
import { openCardRenderer } from '../../support/adaptive-cards.ts';
import { cardWords, channels, people, teamId, teamsWorld } from '../../support/teams-app.ts';
import { cardIn, execute } from '../../support/teams-invoke.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
const es = messages('es');

/**
 * The Slack app's "done when", in Teams: declare → crisis room with its briefing; public draft →
 * approval card; the commander's click → the update in the subscribed customer channel and on the
 * status page; resolve → approved → the customer post shows the incident resolved.
 */
describe('Teams, end to end through POST /api/messages', () => {
  let w: World;
  const toCustomers = () => w.connector.received.filter((r) => r.conversationId.startsWith(channels.customers) && !r.body.replyToId);
  const approveByCard = async (draft: number) => {
    const card = await w.app.db.prisma.draftCard.findFirstOrThrow({ where: { platform: 'teams', draft: { number: draft } } });
    const clicked = await execute(w, 'alice', 'draft.approve', { incident: 1, draft }, { conversationId: card.channelId, replyToId: card.messageId });
    await w.app.settle();
    return { card, clicked };
  };

  beforeAll(async () => {
    w = await teamsWorld({ teams: { teamId, admins: [people.alice.aadObjectId] } });
    await w.send('alice', 'channel subscribe --lang es --tz America/Sao_Paulo', { channel: channels.customers });
  });
  afterAll(async () => w?.stop());

  test('declare opens a crisis-room channel with its briefing', async () => {
    const declared = await w.send('alice', 'declare Ticket distribution stopped --sev 2 --components CRM');
    expect(declared.reply).toContain('Declared INC-1');
    expect(w.graph.channels.map((c) => c.displayName)).toEqual(['inc-1-ticket-distribution-stopped']);
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } });
    const briefing = w.connector.received.find((r) => r.conversationId === room.channelId && r.activityId === room.briefingMessageId);
    const renderer = await openCardRenderer({ markdown: true });
    try {
      const shown = await renderer.render(cardIn(briefing!.body));
      expect(shown.problems).toEqual([]);
      expect(shown.text).toMatch(/INC-1: Ticket distribution stopped[\s\S]*SEV2 \(major\)[\s\S]*Alice Silva[\s\S]*CRM \(operational\)/);
      expect(shown.actions).toEqual([expect.objectContaining({ type: 'Action.OpenUrl', title: 'Status page', url: `${w.app.url}/incidents/INC-1` })]);
    } finally {
      await renderer.close();
    }
  });

  test("the commander's click on the approval card publishes to the customer channel and the status page", async () => {
    await w.send('alice', 'public INC-1 investigating Tickets are not reaching agents.');
    const { card } = await approveByCard(1);
    const edited = w.connector.received.filter((r) => r.method === 'PUT' && r.activityId === card.messageId && cardIn(r.body));
    expect(JSON.stringify(cardIn(edited.at(-1)!.body))).toMatch(/Approved by Alice/);
    await eventually(async () => expect(toCustomers().filter((r) => r.method === 'POST')).toHaveLength(1), 10_000);
    expect(String(toCustomers()[0]!.body.text)).toContain(`<b>${es.incidentStatus.investigating}</b> - Tickets are not reaching agents.`);
    const page = (await (await fetch(`${w.app.url}/api/v2/incidents/unresolved.json`)).json()) as { incidents: { name: string; status: string }[] };
    expect(page.incidents).toEqual([expect.objectContaining({ name: 'Ticket distribution stopped', status: 'investigating' })]);
  });

  test('resolve, approved by card: the customer post shows the incident resolved, and so does the page', async () => {
    await w.send('alice', 'resolve INC-1 Ticket distribution works again.');
    await approveByCard(2);
    await eventually(async () => {
      const edits = toCustomers().filter((r) => r.method === 'PUT');
      expect(String(edits.at(-1)?.body.text)).toContain(`<b>${es.incidentStatus.resolved}</b>`);
    }, 10_000);
    const page = (await (await fetch(`${w.app.url}/api/v2/incidents.json`)).json()) as { incidents: { name: string; status: string }[] };
    expect(page.incidents[0]).toMatchObject({ name: 'Ticket distribution stopped', status: 'resolved' });
    // The room's briefing, edited in place, says so too.
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } });
    await eventually(async () => {
      const edits = w.connector.received.filter((r) => r.method === 'PUT' && r.activityId === room.briefingMessageId);
      expect(cardWords(edits.at(-1)!.body)).toMatch(/Status\nresolved\n[\s\S]*Resolved\n.*after /);
    }, 10_000);
  });
});
