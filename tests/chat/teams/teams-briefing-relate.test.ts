import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { relateVerb } from '../../../src/chat/teams/cards/briefing-card.ts';
import { cardIn, execute } from '../../support/teams-invoke.ts';
import { cardWords, channels, teamsWorld } from '../../support/teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
type Action = { type: string; title?: string; verb?: string; data?: unknown };

/** Every Action.Execute of a card, wherever it sits. */
function executes(node: unknown): Action[] {
  if (Array.isArray(node)) return node.flatMap(executes);
  if (node === null || typeof node !== 'object') return [];
  const own = (node as Action).type === 'Action.Execute' ? [node as Action] : [];
  return [...own, ...Object.values(node).flatMap(executes)];
}

describe('Teams: relating an incident from its briefing card', () => {
  let w: World;
  /** The briefing's latest edit. */
  const editedBriefing = async (incident: number) => {
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: incident, platform: 'teams' } });
    return w.connector.received.filter((r) => r.method === 'PUT' && r.activityId === room.briefingMessageId).at(-1);
  };

  beforeAll(async () => {
    w = await teamsWorld({ teams: { teamId: '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', incidentsChannelId: channels.incidents } });
    await w.send('alice', 'declare Checkout is slow --components CRM');
    await w.send('alice', 'declare Checkout is slow again --components CRM');
  });
  afterAll(async () => w?.stop());

  test('the briefing offers the earlier incident with an action; clicking it relates them and the briefing lists it instead', async () => {
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 2, platform: 'teams' } });
    const posted = w.connector.received.find((r) => r.method === 'POST' && r.conversationId === room.channelId && cardIn(r.body));
    const offered = executes(cardIn(posted!.body));
    expect(offered).toEqual([{ type: 'Action.Execute', title: 'Relate as recurrence of INC-1', verb: relateVerb, data: { incident: 2, related: 1 } }]);

    const clicked = await execute(w, 'bob', relateVerb, offered[0]!.data as Record<string, unknown>, { conversationId: room.channelId });
    expect(clicked.answer).toMatchObject({ statusCode: 200, value: 'INC-2 is a recurrence of INC-1 (Checkout is slow).' });
    expect(await w.app.db.prisma.incidentRelation.findMany({ select: { incidentId: true, relatedId: true, kind: true } })).toEqual([
      { incidentId: 2, relatedId: 1, kind: 'recurrence' },
    ]);
    const latest = await editedBriefing(2);
    expect(cardWords(latest!.body)).toMatch(/\*\*Related incidents\*\*\n- recurrence of INC-1 Checkout is slow \(declared /);
    expect(executes(cardIn(latest!.body))).toEqual([]);
  });

  test('a click again, or with a card not crisisroom’s, changes nothing and says why', async () => {
    const again = await execute(w, 'alice', relateVerb, { incident: 2, related: 1 });
    expect(again.answer).toMatchObject({ statusCode: 200, value: 'INC-2 is already a recurrence of INC-1.' });
    const forged = await execute(w, 'alice', relateVerb, { incident: 'INC-2', related: 1 });
    expect(forged.answer).toMatchObject({ statusCode: 200, value: 'This card is not one crisisroom can act on.' });
    expect(await w.app.db.prisma.incidentRelation.count()).toBe(1);
  });
});
