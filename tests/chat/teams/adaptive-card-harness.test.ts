import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type CardRenderer, openCardRenderer, renderCard } from '../../support/adaptive-cards.ts';
import { chromiumAvailable } from '../../support/chromium.ts';

const hasChromium = chromiumAvailable('the Adaptive Card renderer tests');

/** Shaped like crisisroom's approval request: what customers will read, and the commander's three choices. */
function approvalRequest() {
  const draft = { incident: 7, draft: 1 };
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    refresh: {
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'draft.refresh', data: draft },
      userIds: ['29:1commander-aad-object-id'],
    },
    body: [
      { type: 'TextBlock', text: 'INC-7 public update D1 needs approval', weight: 'Bolder', size: 'Medium', wrap: true },
      { type: 'TextBlock', text: 'Smart Contacts not exchanging messages', isSubtle: true, wrap: true },
      {
        type: 'FactSet',
        facts: [
          { title: 'Status', value: 'Investigating' },
          { title: 'Components', value: 'CRM: major outage' },
          { title: 'Drafted by', value: 'alice at 2021-09-13 11:12 GMT-03:00' },
        ],
      },
      { type: 'TextBlock', text: 'We are investigating failures in message exchange.', wrap: true },
    ],
    actions: [
      { type: 'Action.Execute', title: 'Approve', verb: 'draft.approve', data: draft, style: 'positive' },
      { type: 'Action.Execute', title: 'Edit', verb: 'draft.edit', data: draft },
      { type: 'Action.Execute', title: 'Reject', verb: 'draft.reject', data: draft, style: 'destructive' },
    ],
  };
}

type Card = ReturnType<typeof approvalRequest>;

describe.skipIf(!hasChromium)('Adaptive Card harness (Microsoft adaptivecards renderer in Chromium)', () => {
  let renderer: CardRenderer;

  beforeAll(async () => {
    renderer = await openCardRenderer();
  });

  afterAll(async () => {
    await renderer?.close();
  });

  test('an approval request parses without a complaint and renders its text, facts and buttons', async () => {
    const rendered = await renderer.render(approvalRequest());
    expect(rendered.problems).toEqual([]);
    for (const shown of [
      'INC-7 public update D1 needs approval',
      'Smart Contacts not exchanging messages',
      'Components',
      'CRM: major outage',
      'We are investigating failures in message exchange.',
    ]) {
      expect(rendered.text).toContain(shown);
    }
    expect(rendered.buttons).toEqual(['Approve', 'Edit', 'Reject']);
  });

  test('it reports the actions with their types, verbs and data, and the refresh with its users', async () => {
    const rendered = await renderer.render(approvalRequest());
    const data = { incident: 7, draft: 1 };
    expect(rendered.actions).toEqual([
      { type: 'Action.Execute', title: 'Approve', verb: 'draft.approve', data },
      { type: 'Action.Execute', title: 'Edit', verb: 'draft.edit', data },
      { type: 'Action.Execute', title: 'Reject', verb: 'draft.reject', data },
    ]);
    expect(rendered.refresh).toEqual({
      action: { type: 'Action.Execute', title: 'Refresh', verb: 'draft.refresh', data },
      userIds: ['29:1commander-aad-object-id'],
    });
  });

  const broken: [string, (card: Card) => unknown, RegExp][] = [
    ['an element type that does not exist', (card) => ({ ...card, body: [...card.body, { type: 'TextBlok', text: 'typo' }] }), /UnknownElementType.*TextBlok/],
    [
      'an action type that does not exist',
      (card) => ({ ...card, actions: [...card.actions, { type: 'Action.Exec', title: 'Go', verb: 'go' }] }),
      /UnknownActionType.*Action\.Exec/,
    ],
    [
      'an unknown property on an element',
      (card) => ({ ...card, body: [{ ...card.body[0], colour: 'Attention' }, ...card.body.slice(1)] }),
      /unknown property "colour" on TextBlock/,
    ],
    [
      'an unknown property deep inside (a fact)',
      (card) => ({ ...card, body: card.body.map((element) => ('facts' in element ? { ...element, facts: [{ title: 'Severity', valu: 'SEV2' }] } : element)) }),
      /unknown property "valu" on Fact/,
    ],
    [
      'an unknown property on an action',
      (card) => ({ ...card, actions: [{ ...card.actions[0], verbs: 'draft.approve' }, ...card.actions.slice(1)] }),
      /unknown property "verbs" on Action\.Execute/,
    ],
    [
      "a value outside a property's choices",
      (card) => ({ ...card, body: [{ ...card.body[0], size: 'Huge' }, ...card.body.slice(1)] }),
      /InvalidPropertyValue.*Huge/,
    ],
    [
      'more actions than Teams shows',
      (card) => ({ ...card, actions: [...card.actions, ...card.actions, ...card.actions].map((action, i) => ({ ...action, title: `${action.title} ${i}` })) }),
      /TooManyActions/,
    ],
    ['a version newer than Teams renders', (card) => ({ ...card, version: '1.6' }), /version 1\.6 is newer than 1\.5/],
    [
      'more users to refresh than Teams refreshes',
      (card) => ({ ...card, refresh: { ...card.refresh, userIds: Array.from({ length: 61 }, (_, i) => `29:user-${i}`) } }),
      /refresh\.userIds lists 61 users; Teams refreshes at most 60/,
    ],
  ];

  test.each(broken)('a card with %s is reported', async (_, breakIt, problem) => {
    const rendered = await renderer.render(breakIt(approvalRequest()));
    expect(rendered.problems.join('\n')).toMatch(problem);
  });

  test('the renderer state does not leak from a broken card into the next one', async () => {
    await renderer.render({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlok' }] });
    expect((await renderer.render(approvalRequest())).problems).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('renderCard', () => {
  test('renders one card in a browser of its own', async () => {
    const rendered = await renderCard({ type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'SEV1 declared', wrap: true }] });
    expect(rendered).toMatchObject({ problems: [], buttons: [], actions: [], refresh: null });
    expect(rendered.text).toContain('SEV1 declared');
  });
});
