import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, test } from 'vitest';
import { briefingMessage, type BriefingView, readRelateValue, relateAction } from '../../../src/chat/slack/blocks/briefing.ts';
import { limitViolations } from '../../../src/chat/slack/blocks/limits.ts';

const hostile = '<!channel> <@U999> <https://evil.example|bank.com> & @here';

const view: BriefingView = {
  number: 7,
  incidentId: 'INC-7',
  title: 'Messages are delayed',
  status: 'identified',
  severity: 2,
  commander: { name: 'alice', slackUserId: 'U123ABC' },
  components: [
    { name: 'CRM', state: 'major_outage' },
    { name: 'Core', state: 'degraded_performance' },
  ],
  // 14:05 and 15:30 in Sao Paulo.
  impact: { start: new Date('2021-09-21T17:05:00Z'), end: null },
  latestPublic: { status: 'investigating', body: 'We are looking into delayed messages.', publishedAt: new Date('2021-09-21T17:34:00Z') },
  pendingDrafts: 2,
  statusPageUrl: 'https://status.example.com',
  incidentUrl: 'https://status.example.com/incidents/INC-7',
  zone: 'America/Sao_Paulo',
  declaredAt: new Date('2021-09-21T17:00:00Z'),
  resolvedAt: null,
  related: [],
  followUps: [],
  suggested: [],
  roles: [],
};

type Text = { type: string; text: string };
function mrkdwnTexts(blocks: KnownBlock[]): string[] {
  return blocks.flatMap((block) => {
    const b = block as { text?: Text; fields?: Text[]; elements?: Text[] };
    return [b.text, ...(b.fields ?? []), ...(b.elements ?? [])].filter((t): t is Text => t?.type === 'mrkdwn').map((t) => t.text);
  });
}
const fieldsOf = (blocks: KnownBlock[]) => (blocks.find((b): b is SectionBlock => b.type === 'section' && 'fields' in b)?.fields ?? []).map((f) => f.text);

describe('the briefing', () => {
  const { text, blocks } = briefingMessage(view);

  test('is headed by the incident id and title', () => {
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'INC-7: Messages are delayed' } });
    expect(text).toBe('INC-7: Messages are delayed (Identified, SEV2 · major)');
  });

  test('shows status, severity, commander, impact window, declaration and pending drafts', () => {
    expect(fieldsOf(blocks)).toEqual([
      '*Status*\nIdentified',
      '*Severity*\nSEV2 · major',
      '*Commander*\n<@U123ABC>',
      '*Customer impact*\n2021-09-21 14:05 GMT-03:00 → ongoing',
      '*Declared*\n2021-09-21 14:00 GMT-03:00',
      '*Pending drafts*\n2 awaiting approval',
    ]);
  });

  test('lists the components with their states, and the latest public update', () => {
    const texts = mrkdwnTexts(blocks);
    expect(texts).toContain('*Components*\n• CRM: Major Outage\n• Core: Degraded Performance');
    expect(texts).toContain('*Latest public update* (Investigating, 2021-09-21 14:34 GMT-03:00)\nWe are looking into delayed messages.');
  });

  test('links the status page and the incident page', () => {
    expect(mrkdwnTexts(blocks).at(-1)).toBe('<https://status.example.com|Status page> · <https://status.example.com/incidents/INC-7|Incident page>');
  });

  test('is within the limits', () => {
    expect(limitViolations(blocks)).toEqual([]);
  });
});

describe('the briefing as the incident moves on', () => {
  test('an ended impact window, a resolution, and no drafts', () => {
    const resolved = briefingMessage({
      ...view,
      status: 'resolved',
      impact: { start: view.impact!.start, end: new Date('2021-09-21T18:30:00Z') },
      resolvedAt: new Date('2021-09-21T18:45:00Z'),
      pendingDrafts: 0,
    });
    expect(fieldsOf(resolved.blocks)).toEqual(
      expect.arrayContaining([
        '*Customer impact*\n2021-09-21 14:05 GMT-03:00 → 2021-09-21 15:30 GMT-03:00',
        '*Resolved*\n2021-09-21 15:45 GMT-03:00',
        '*Pending drafts*\nnone',
      ]),
    );
  });

  test('before anything is set or published', () => {
    const fresh = briefingMessage({ ...view, impact: null, latestPublic: null, components: [] });
    expect(fieldsOf(fresh.blocks)).toContain('*Customer impact*\nnot set');
    expect(mrkdwnTexts(fresh.blocks)).toEqual(expect.arrayContaining(['*Components*\nnone named', '*Latest public update*\nnone yet']));
  });

  test('a commander without a Slack id is named instead of mentioned', () => {
    expect(fieldsOf(briefingMessage({ ...view, commander: { name: 'bob' } }).blocks)).toContain('*Commander*\nbob');
  });

  test('times follow the room’s zone', () => {
    expect(fieldsOf(briefingMessage({ ...view, zone: 'UTC' }).blocks)).toContain('*Declared*\n2021-09-21 17:00 GMT+00:00');
  });
});

describe('user text in the briefing', () => {
  const { text, blocks } = briefingMessage({
    ...view,
    title: hostile,
    commander: { name: hostile },
    components: [{ name: hostile, state: 'partial_outage' }],
    latestPublic: { ...view.latestPublic!, body: hostile },
  });

  test('is escaped wherever Slack would parse it', () => {
    for (const mrkdwn of [...mrkdwnTexts(blocks), text]) {
      expect(mrkdwn).not.toMatch(/<!|<@U999|<https:\/\/evil/);
      expect(mrkdwn).not.toMatch(/(^|\s)@here\b/);
    }
    expect(fieldsOf(blocks)).toContain('*Commander*\n&lt;!channel&gt; &lt;@U999&gt; &lt;https://evil.example|bank.com&gt; &amp; @\u2060here');
  });

  test('stays literal in the plain_text header, which Slack never parses', () => {
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: `INC-7: ${hostile}` } });
  });
});

describe('a briefing too big for one section', () => {
  test('a 10,000-character public update becomes several sections, none over 3,000', () => {
    const body = 'All queues are draining. '.repeat(400);
    const { blocks } = briefingMessage({ ...view, latestPublic: { ...view.latestPublic!, body } });
    expect(blocks.filter((b) => b.type === 'section').length).toBeGreaterThanOrEqual(6);
    expect(limitViolations(blocks)).toEqual([]);
  });

  test('60 components and a 200-character title stay within the limits', () => {
    const components = Array.from({ length: 60 }, (_, i) => ({ name: `Component ${i} `.repeat(8), state: 'major_outage' }) as const);
    const { blocks } = briefingMessage({ ...view, title: 'x'.repeat(200), components });
    expect(limitViolations(blocks)).toEqual([]);
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'plain_text', text: `INC-7: ${'x'.repeat(200)}` } });
  });
});

describe('related incidents, open follow-ups and incidents it may recur', () => {
  const { blocks } = briefingMessage({
    ...view,
    related: ['recurrence of INC-3 Database failover (declared 2021-09-10 10:00 GMT-03:00, resolved 2021-09-10 11:00 GMT-03:00)'],
    followUps: ['F2 Alert on queue depth <!channel> · owner bob · due 2021-09-30'],
    suggested: [
      { id: 5, line: 'INC-5 Messages are delayed · declared 2021-09-19 09:00 GMT-03:00' },
      { id: 4, line: 'INC-4 <@U999> CRM slow · declared 2021-09-18 09:00 GMT-03:00' },
    ],
  });

  test('are listed, typed text escaped', () => {
    expect(mrkdwnTexts(blocks)).toEqual(
      expect.arrayContaining([
        '*Related incidents*\n• recurrence of INC-3 Database failover (declared 2021-09-10 10:00 GMT-03:00, resolved 2021-09-10 11:00 GMT-03:00)',
        '*Open follow-ups*\n• F2 Alert on queue depth &lt;!channel&gt; · owner bob · due 2021-09-30',
        '*Declared on the same components in the 30 days before* (a recurrence?)',
        'INC-4 &lt;@U999&gt; CRM slow · declared 2021-09-18 09:00 GMT-03:00',
      ]),
    );
    expect(limitViolations(blocks)).toEqual([]);
  });

  test('each incident it may recur has a button that relates it, naming both incidents', () => {
    const buttons = blocks.flatMap((block) => (block.type === 'section' && block.accessory?.type === 'button' ? [block.accessory] : []));
    expect(buttons.map((button) => [button.action_id, button.value, button.text.text])).toEqual([
      [relateAction, '7:5', 'Relate as recurrence'],
      [relateAction, '7:4', 'Relate as recurrence'],
    ]);
    expect(readRelateValue('7:5')).toEqual({ incident: 7, related: 5 });
    expect(readRelateValue('7:5; drop')).toBeNull();
  });

  test('none of the three shows when empty', () => {
    expect(mrkdwnTexts(briefingMessage(view).blocks).join('\n')).not.toMatch(/Related incidents|Open follow-ups|same components/);
  });
});
