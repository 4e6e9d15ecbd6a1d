import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { describe, expect, test } from 'vitest';
import { approvalCard, readDraftRef, type ApprovalCardView } from '../../../src/chat/slack/blocks/approval-card.ts';
import { customerUpdateMessage } from '../../../src/chat/slack/blocks/customer-post.ts';
import { limitViolations } from '../../../src/chat/slack/blocks/limits.ts';

const hostile = '<!channel> <@U999> <https://evil.example|bank.com> & @here';

const view: ApprovalCardView = {
  incidentNumber: 7,
  draftNumber: 3,
  incidentTitle: 'Messages are delayed',
  status: 'identified',
  body: 'We found the cause and are rolling out a fix.',
  authorName: 'bob',
  componentChanges: [{ name: 'CRM', oldState: 'operational', newState: 'major_outage' }],
  languages: [
    { lang: 'pt-BR', zone: 'America/Sao_Paulo' },
    { lang: 'en', zone: 'Europe/London' },
  ],
  // 14:20 in Sao Paulo.
  createdAt: new Date('2021-09-21T17:20:00Z'),
  zone: 'America/Sao_Paulo',
};
// 14:34 in Sao Paulo.
const decidedAt = new Date('2021-09-21T17:34:00Z');

type Text = { type: string; text: string };
function mrkdwnTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    const b = block as { text?: Text; fields?: Text[]; elements?: Text[] };
    return [b.text, ...(b.fields ?? []), ...(b.elements ?? [])].filter((t): t is Text => t?.type === 'mrkdwn').map((t) => t.text);
  });
}
const actionsOf = (blocks: KnownBlock[]) => blocks.filter((b): b is ActionsBlock => b.type === 'actions');

describe('a pending approval card', () => {
  const { text, blocks } = approvalCard(view);

  test('says who drafted what, with the component changes going public', () => {
    const texts = mrkdwnTexts(blocks);
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Public update INC-7 D3' } });
    expect(texts).toEqual(
      expect.arrayContaining([
        '*Incident*\nMessages are delayed',
        '*Drafted by*\nbob at 14:20 GMT-03:00',
        '*Status*\nIdentified',
        '*Component changes going public*\n• CRM: Operational → Major Outage',
      ]),
    );
    expect(text).toBe('Public update INC-7 D3 (Identified) by bob: awaiting approval');
  });

  test('shows, for each customer language, exactly the message those customers will get', () => {
    const labelAt = (label: string) => blocks.findIndex((b) => mrkdwnTexts([b])[0] === label);
    const ptBR = labelAt('Customers reading pt-BR (America/Sao_Paulo) will see:');
    const en = labelAt('Customers reading en (Europe/London) will see:');
    expect(ptBR).toBeGreaterThan(0);
    expect(en).toBeGreaterThan(ptBR);
    const update = {
      incidentId: 'INC-7',
      title: view.incidentTitle,
      status: view.status,
      body: view.body,
      publishedAt: view.createdAt,
      componentChanges: view.componentChanges,
    };
    const expected = customerUpdateMessage(update, 'pt-BR', 'America/Sao_Paulo').blocks;
    expect(blocks.slice(ptBR + 1, ptBR + 1 + expected.length)).toEqual(expected);
    expect(mrkdwnTexts(expected)).toEqual(
      expect.arrayContaining(['*Identificado* - We found the cause and are rolling out a fix.', 'Publicado 21 set 2021 - 14:20 GMT-03:00']),
    );
    expect(blocks.slice(en + 1, en + 1 + 3)).toEqual(customerUpdateMessage(update, 'en', 'Europe/London').blocks);
  });

  test('ends with Approve, Edit and Reject, each naming the draft', () => {
    const [actions, ...others] = actionsOf(blocks);
    expect(others).toEqual([]);
    expect(blocks.at(-1)).toBe(actions);
    expect(actions!.block_id).toBe('draft_actions_7_3');
    const buttons = actions!.elements as Button[];
    expect(buttons.map((b) => [b.text.text, b.action_id, b.value, b.style])).toEqual([
      ['Approve', 'draft_approve', '{"incident":7,"draft":3}', 'primary'],
      ['Edit', 'draft_edit', '{"incident":7,"draft":3}', undefined],
      ['Reject', 'draft_reject', '{"incident":7,"draft":3}', 'danger'],
    ]);
    expect(buttons[2]!.confirm).toMatchObject({ title: { text: 'Reject INC-7 D3?' }, confirm: { text: 'Reject' }, deny: { text: 'Keep it' }, style: 'danger' });
    expect(buttons[0]!.confirm).toBeUndefined();
  });

  test('a card for another draft has another block_id', () => {
    expect(actionsOf(approvalCard({ ...view, draftNumber: 4 }).blocks)[0]!.block_id).toBe('draft_actions_7_4');
  });

  test('is within the limits', () => {
    expect(limitViolations(blocks)).toEqual([]);
  });
});

describe('a decided approval card', () => {
  test('approved: no buttons, and who approved it when', () => {
    const { text, blocks } = approvalCard({ ...view, decision: { state: 'approved', byName: 'alice', at: decidedAt } });
    expect(actionsOf(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks).at(-1)).toBe('✅ Approved by alice at 14:34 GMT-03:00');
    expect(text).toBe('Public update INC-7 D3 (Identified) by bob: ✅ Approved by alice at 14:34 GMT-03:00');
    // Once approved, the previews show when it was actually published.
    expect(mrkdwnTexts(blocks)).toContain('Publicado 21 set 2021 - 14:34 GMT-03:00');
  });

  test('rejected: no buttons, who rejected it when, and why', () => {
    const { blocks } = approvalCard({ ...view, decision: { state: 'rejected', byName: 'alice', at: decidedAt, reason: 'wrong component' } });
    expect(actionsOf(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks).at(-1)).toBe('❌ Rejected by alice at 14:34 GMT-03:00: wrong component');
    expect(limitViolations(blocks)).toEqual([]);
  });

  test('a reason too long for a context line, once escaped, takes sections and is never cut', () => {
    const reason = '<&>'.repeat(333);
    const { blocks } = approvalCard({ ...view, decision: { state: 'rejected', byName: 'alice', at: decidedAt, reason } });
    const decision = blocks.slice(blocks.findLastIndex((b) => b.type === 'divider') + 1);
    expect(decision.every((b) => b.type === 'section')).toBe(true);
    expect(mrkdwnTexts(decision).join('')).toBe(`❌ Rejected by alice at 14:34 GMT-03:00: ${'&lt;&amp;&gt;'.repeat(333)}`);
    expect(limitViolations(blocks)).toEqual([]);
  });

  test('rejected without a reason', () => {
    const { blocks } = approvalCard({ ...view, decision: { state: 'rejected', byName: 'alice', at: decidedAt } });
    expect(mrkdwnTexts(blocks).at(-1)).toBe('❌ Rejected by alice at 14:34 GMT-03:00');
  });
});

describe('user text on the card', () => {
  const hostileView: ApprovalCardView = {
    ...view,
    incidentTitle: hostile,
    body: hostile,
    authorName: hostile,
    componentChanges: [{ name: hostile, oldState: 'operational', newState: 'partial_outage' }],
    decision: { state: 'rejected', byName: hostile, at: decidedAt, reason: `${hostile}\n✅ Approved by the CEO` },
  };
  const { text, blocks } = approvalCard(hostileView);

  test('is escaped in every mrkdwn text and in the fallback', () => {
    for (const mrkdwn of [...mrkdwnTexts(blocks), text]) {
      expect(mrkdwn).not.toMatch(/<!|<@|<https:\/\/evil/);
      expect(mrkdwn).not.toMatch(/(^|\s)@here\b/);
    }
    expect(mrkdwnTexts(blocks)).toContain(
      '*Drafted by*\n&lt;!channel&gt; &lt;@U999&gt; &lt;https://evil.example|bank.com&gt; &amp; @\u2060here at 14:20 GMT-03:00',
    );
  });

  test('a reason cannot add a line of its own to the decision', () => {
    const decision = mrkdwnTexts(blocks).at(-1)!;
    expect(decision.split('\n')).toHaveLength(1);
    expect(decision.endsWith(' ✅ Approved by the CEO')).toBe(true);
  });
});

describe('a card too big for one message', () => {
  const componentChanges = Array.from(
    { length: 60 },
    (_, i) => ({ name: `Component ${i} `.repeat(6), oldState: 'operational', newState: 'major_outage' }) as const,
  );

  test('60 component changes and a long body stay within 50 blocks and every limit', () => {
    const { blocks } = approvalCard({ ...view, body: 'The fix is rolling out. '.repeat(166), componentChanges });
    expect(blocks.length).toBeLessThanOrEqual(50);
    expect(limitViolations(blocks)).toEqual([]);
    expect(blocks.at(-1)!.type).toBe('actions');
  });

  test('with many customer channels, the overflow is left out but the buttons stay', () => {
    const languages = Array.from({ length: 12 }, (_, i) => ({ lang: 'es' as const, zone: i % 2 ? 'America/Bogota' : 'Europe/Madrid' }));
    const { blocks } = approvalCard({ ...view, componentChanges, languages });
    expect(blocks).toHaveLength(50);
    expect(limitViolations(blocks)).toEqual([]);
    expect(blocks.at(-1)!.type).toBe('actions');
    expect(mrkdwnTexts([blocks.at(-2)!])[0]).toMatch(/^… \d+ more blocks left out/);
  });

  test('with no customer channel, says so instead of showing a preview', () => {
    expect(mrkdwnTexts(approvalCard({ ...view, languages: [] }).blocks)).toContain(
      'No customer channel follows this incident; only the status page will show this update.',
    );
  });
});

describe('an incident report card', () => {
  test('is named a report, shows the report itself, and says where it goes once approved', () => {
    const card = approvalCard({ ...view, kind: 'report', body: 'What happened: a clock jumped to 2022. <!channel>' });
    expect(card.blocks[0]).toMatchObject({ type: 'header', text: { text: expect.stringMatching(/^Incident report /) } });
    const texts = mrkdwnTexts(card.blocks).join('\n');
    expect(texts).toContain('What happened: a clock jumped to 2022. &lt;!channel&gt;');
    expect(texts).toContain(
      'Approved, the report goes to the status page, the API, e-mail subscribers, webhooks and feeds, and (unless turned off) as a short post to customer channels.',
    );
    expect(texts).not.toContain('will see:');
    expect(card.text).toMatch(/^Incident report /);
  });
});

describe('readDraftRef', () => {
  test('reads what the buttons carry', () => {
    expect(readDraftRef('{"incident":7,"draft":3}')).toEqual({ incident: 7, draft: 3 });
  });

  test.each(['not json', '{"incident":"7","draft":3}', '{"incident":7}', '{"incident":0,"draft":1}', '{"incident":1.5,"draft":1}', 'null'])(
    'refuses %s',
    (value) => {
      expect(readDraftRef(value)).toBeNull();
    },
  );
});
