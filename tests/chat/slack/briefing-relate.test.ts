import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { relateAction } from '../../../src/chat/slack/blocks/briefing.ts';
import { slackWorld } from '../../support/slack-app.ts';

type Block = { type: string; text?: { text: string }; accessory?: { action_id: string; value: string } };

describe('Slack: relating an incident from its briefing in one click', () => {
  let w: Awaited<ReturnType<typeof slackWorld>>;
  const room = (name: string) => w.fake.channel(name)!.id;
  const briefing = (channel: string) => w.fake.messages(channel).find((message) => message.ts === w.fake.pins(channel)[0])!;
  const blocksOf = (channel: string) => (briefing(channel).blocks ?? []) as Block[];

  beforeAll(async () => {
    w = await slackWorld();
    await w.command('alice', 'C0GENERAL', 'declare Checkout is slow --components CRM');
    await w.command('alice', 'C0GENERAL', 'declare Payments down --components Core');
    await w.command('alice', 'C0GENERAL', 'declare Checkout is slow again --components "CRM, Core"');
  });
  afterAll(async () => w?.stop());

  test('the briefing offers each earlier incident on the same components with a button', () => {
    const buttons = blocksOf(room('inc-3-checkout-is-slow-again')).flatMap((block) => (block.accessory ? [block.accessory] : []));
    expect(buttons.map((button) => [button.action_id, button.value])).toEqual([
      [relateAction, '3:2'],
      [relateAction, '3:1'],
    ]);
    // The first incident had nothing before it.
    expect(blocksOf(room('inc-1-checkout-is-slow')).some((block) => block.accessory)).toBe(false);
  });

  test('a click relates it as a recurrence: told to the one who clicked, on both timelines, and the briefing lists it instead', async () => {
    const channel = room('inc-3-checkout-is-slow-again');
    const clicked = await w.click('bob', channel, briefing(channel).ts, relateAction);
    expect(clicked.reply).toBe('INC-3 is a recurrence of INC-2 (Payments down).');
    expect(await w.app.db.prisma.incidentRelation.findMany({ select: { incidentId: true, relatedId: true, kind: true, createdByName: true } })).toEqual([
      { incidentId: 3, relatedId: 2, kind: 'recurrence', createdByName: 'bob' },
    ]);
    expect(await w.app.db.prisma.timelineEntry.count({ where: { kind: 'related' } })).toBe(2);
    const texts = blocksOf(channel).map((block) => block.text?.text ?? '');
    expect(texts.find((text) => text.startsWith('*Related incidents*'))).toMatch(/^\*Related incidents\*\n• recurrence of INC-2 Payments down \(declared /);
    expect(blocksOf(channel).flatMap((block) => (block.accessory ? [block.accessory.value] : []))).toEqual(['3:1']);
  });

  test('a second click on a button already used is answered, changing nothing', async () => {
    const channel = room('inc-3-checkout-is-slow-again');
    const before = await w.app.db.prisma.incidentRelation.count();
    // Clicked on a copy of the briefing from before it was edited, still showing the first button.
    const clicked = await w.click('alice', channel, briefing(channel).ts, relateAction, { value: '3:2' });
    expect(clicked.reply).toBe('INC-3 is already a recurrence of INC-2.');
    expect(await w.app.db.prisma.incidentRelation.count()).toBe(before);
  });
});
