import type { KnownBlock } from '@slack/types';
import { describe, expect, test } from 'vitest';
import { customerParentMessage, customerUpdateMessage } from '../../../src/chat/slack/blocks/customer-post.ts';
import { type CustomerIncidentView, type CustomerUpdateView, affectedComponents } from '../../../src/domain/customer-update.ts';
import { limitViolations } from '../../../src/chat/slack/blocks/limits.ts';

// 2021-09-21 14:34 in Sao Paulo.
const at = new Date('2021-09-21T17:34:00Z');
const hostile = '<!channel> <@U999> <https://evil.example|bank.com> & @here';

/** Every mrkdwn text in the blocks: the places where Slack would act on a mention or a link. */
function mrkdwnTexts(blocks: KnownBlock[]): string[] {
  type Text = { type: string; text: string };
  return blocks.flatMap((block) => {
    const b = block as { text?: Text; fields?: Text[]; elements?: Text[] };
    return [b.text, ...(b.fields ?? []), ...(b.elements ?? [])].filter((t): t is Text => t?.type === 'mrkdwn').map((t) => t.text);
  });
}

function expectNothingLive(texts: string[]) {
  for (const text of texts) {
    expect(text).not.toMatch(/<!|<@|<https:\/\/evil/);
    expect(text).not.toMatch(/(^|\s)@here\b/);
  }
}

const parent: CustomerIncidentView = {
  incidentId: 'INC-7',
  title: 'Messages are delayed',
  status: 'investigating',
  components: ['CRM', 'Core', 'Billing'],
  componentGroups: [
    { group: 'Take Blip Platform', name: 'CRM' },
    { group: null, name: 'Billing' },
    { group: 'Take Blip Platform', name: 'Core' },
    { group: 'Take Blip Platform', name: 'Builder' },
  ],
  updatedAt: at,
  statusPageUrl: 'https://status.example.com',
};

const update: CustomerUpdateView = {
  incidentId: 'INC-7',
  title: 'Messages are delayed',
  status: 'monitoring',
  body: 'A fix has been deployed and we are monitoring the results.',
  publishedAt: at,
  componentChanges: [{ name: 'CRM', oldState: 'major_outage', newState: 'operational' }],
};

describe('the thread parent', () => {
  test('in pt-BR, for a channel in America/Sao_Paulo', () => {
    const { text, blocks } = customerParentMessage(parent, 'pt-BR', 'America/Sao_Paulo');
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'Messages are delayed' } });
    expect(mrkdwnTexts(blocks)).toEqual([
      '*Investigando*\nEste incidente afetou: Take Blip Platform (CRM, Core) e Billing',
      'Atualizado 21 set 2021 - 14:34 GMT-03:00 · <https://status.example.com|Ver a página de status>',
    ]);
    expect(text).toBe('Messages are delayed - Investigando');
    expect(limitViolations(blocks)).toEqual([]);
  });

  test.each([
    ['pt-BR', ['Investigando', 'Identificado', 'Monitorando', 'Resolvido']],
    ['es', ['Investigando', 'Identificado', 'Supervisando', 'Resuelto']],
    ['en', ['Investigating', 'Identified', 'Monitoring', 'Resolved']],
  ] as const)('names every status in %s', (lang, words) => {
    const statuses = (['investigating', 'identified', 'monitoring', 'resolved'] as const).map(
      (status) => mrkdwnTexts(customerParentMessage({ ...parent, status }, lang, 'UTC').blocks)[0]!.split('\n')[0],
    );
    expect(statuses).toEqual(words.map((word) => `*${word}*`));
  });

  test('in English, in another zone, with the offset written out', () => {
    const [, updated] = mrkdwnTexts(customerParentMessage(parent, 'en', 'Asia/Tokyo').blocks);
    expect(updated).toMatch(/^Updated Sep 22, 2021 - 02:34 GMT\+09:00 · /);
  });

  test('with no components there is no affected line', () => {
    expect(mrkdwnTexts(customerParentMessage({ ...parent, components: [] }, 'es', 'UTC').blocks)[0]).toBe('*Investigando*');
  });

  test('escapes hostile titles and component names', () => {
    const view = { ...parent, title: hostile, components: [hostile], componentGroups: [{ group: hostile, name: hostile }] };
    const { text, blocks } = customerParentMessage(view, 'en', 'UTC');
    expectNothingLive([...mrkdwnTexts(blocks), text]);
    expect(mrkdwnTexts(blocks)[0]).toContain('&lt;!channel&gt;');
    // A header is plain_text, which Slack never parses: the title shows literally there.
    expect(blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: hostile } });
  });

  test('a title longer than a header allows is never cut: it is a plain-text section instead', () => {
    const { blocks } = customerParentMessage({ ...parent, title: 'x'.repeat(200) }, 'pt-BR', 'UTC');
    expect(blocks[0]).toEqual({ type: 'section', text: { type: 'plain_text', text: 'x'.repeat(200) } });
    expect(limitViolations(blocks)).toEqual([]);
    expect(customerParentMessage({ ...parent, title: 'x'.repeat(150) }, 'pt-BR', 'UTC').blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'x'.repeat(150) },
    });
  });
});

describe('an update in the thread', () => {
  test('in pt-BR: bold status, body, component changes and the written-out posting time', () => {
    const { text, blocks } = customerUpdateMessage(update, 'pt-BR', 'America/Sao_Paulo');
    expect(mrkdwnTexts(blocks)).toEqual([
      '*Monitorando* - A fix has been deployed and we are monitoring the results.',
      '*Alterações nos componentes*\n• CRM: Interrupção grave → Operacional',
      'Publicado 21 set 2021 - 14:34 GMT-03:00',
    ]);
    expect(text).toBe(
      'Messages are delayed: Monitorando - A fix has been deployed and we are monitoring the results.\nPublicado 21 set 2021 - 14:34 GMT-03:00',
    );
    expect(limitViolations(blocks)).toEqual([]);
  });

  test('in English and Spanish', () => {
    expect(mrkdwnTexts(customerUpdateMessage(update, 'en', 'America/Sao_Paulo').blocks).at(-1)).toBe('Posted Sep 21, 2021 - 14:34 GMT-03:00');
    expect(mrkdwnTexts(customerUpdateMessage(update, 'es', 'America/Sao_Paulo').blocks)).toEqual([
      '*Supervisando* - A fix has been deployed and we are monitoring the results.',
      '*Cambios en los componentes*\n• CRM: Interrupción grave → Operativo',
      'Publicado 21 sep 2021 - 14:34 GMT-03:00',
    ]);
  });

  test('without component changes there is no changes section', () => {
    const { blocks } = customerUpdateMessage({ ...update, componentChanges: [] }, 'en', 'UTC');
    expect(blocks).toHaveLength(2);
  });

  test('escapes hostile bodies, titles and component names, in the blocks and the fallback text', () => {
    const view = {
      ...update,
      title: hostile,
      body: `${hostile}\n> quoted`,
      componentChanges: [{ name: hostile, oldState: 'operational', newState: 'major_outage' } as const],
    };
    const { text, blocks } = customerUpdateMessage(view, 'en', 'UTC');
    expectNothingLive([...mrkdwnTexts(blocks), text]);
    expect(mrkdwnTexts(blocks)[0]).toBe(`*Monitoring* - &lt;!channel&gt; &lt;@U999&gt; &lt;https://evil.example|bank.com&gt; &amp; @\u2060here\n&gt; quoted`);
  });

  test('a 10,000-character body becomes several sections within the limits', () => {
    const body = Array.from({ length: 1300 }, (_, i) => `word${i}`).join(' ');
    const { text, blocks } = customerUpdateMessage({ ...update, body }, 'pt-BR', 'America/Sao_Paulo');
    const sections = blocks.filter((b) => b.type === 'section');
    expect(sections.length).toBeGreaterThanOrEqual(5);
    expect(limitViolations(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks)[0]!.startsWith('*Monitorando* - word0 word1')).toBe(true);
    expect(text.length).toBeLessThanOrEqual(40_000);
  });

  test('60 component changes stay within the limits', () => {
    const componentChanges = Array.from(
      { length: 60 },
      (_, i) => ({ name: `Component number ${i} with a long name`, oldState: 'operational', newState: 'partial_outage' }) as const,
    );
    const { blocks } = customerUpdateMessage({ ...update, componentChanges }, 'es', 'UTC');
    expect(limitViolations(blocks)).toEqual([]);
    expect(mrkdwnTexts(blocks).join('\n')).toContain('• Component number 59 with a long name: Operativo → Interrupción parcial');
  });
});

describe('affectedComponents', () => {
  test('without a page layout, lists the names in the language', () => {
    expect(affectedComponents(['CRM', 'Core'], 'en')).toBe('CRM and Core');
    expect(affectedComponents(['CRM', 'Core', 'Billing'], 'es')).toBe('CRM, Core y Billing');
  });

  test('names a component the page no longer lists after the ones it does', () => {
    expect(affectedComponents(['Gone', 'Core'], 'en', [{ group: 'Platform', name: 'Core' }])).toBe('Platform (Core) and Gone');
  });

  test('a lone component named like a group is not mistaken for it', () => {
    const layout = [
      { group: 'Platform', name: 'Core' },
      { group: null, name: 'Platform' },
    ];
    expect(affectedComponents(['Core', 'Platform'], 'en', layout)).toBe('Platform (Core) and Platform');
  });
});
