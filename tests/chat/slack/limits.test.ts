import type { KnownBlock, SectionBlock } from '@slack/types';
import { describe, expect, test } from 'vitest';
import { fitBlocks, fitText, limits, limitViolations, section, splitSections, splitText, truncationMarker } from '../../../src/chat/slack/blocks/limits.ts';

const textOf = (block: SectionBlock) => block.text!.text;
const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(' ');

describe('the limits', () => {
  test('are the documented Block Kit maxima', () => {
    expect(limits).toMatchObject({
      blocksPerMessage: 50,
      sectionText: 3000,
      headerText: 150,
      contextElementText: 3000,
      buttonText: 75,
      fallbackText: 40_000,
    });
  });
});

describe('fitText', () => {
  test('leaves text that fits alone, up to exactly the maximum', () => {
    expect(fitText('short', 150)).toBe('short');
    expect(fitText('x'.repeat(150), 150)).toBe('x'.repeat(150));
  });

  test('shortens visibly to at most the maximum', () => {
    const fitted = fitText('x'.repeat(151), 150);
    expect(fitted).toHaveLength(150);
    expect(fitted.endsWith(truncationMarker)).toBe(true);
  });

  test('ends at a word when one is near', () => {
    const fitted = fitText(words(100), 150);
    expect(fitted.length).toBeLessThanOrEqual(150);
    expect(fitted).toMatch(/ word\d+… \(truncated\)$/);
  });

  test('never cuts an escape entity in half', () => {
    const text = `${'x'.repeat(135)}&amp;${'y'.repeat(50)}`;
    const fitted = fitText(text, 150);
    expect(fitted).toBe(`${'x'.repeat(135)}${truncationMarker}`);
    for (let max = 140; max < 160; max++) {
      expect(fitText(`${'x'.repeat(130)}&lt;&gt;&amp;${'y'.repeat(50)}`, max).replace(truncationMarker, '')).toMatch(/^x+(&lt;|&gt;|&amp;)*y*$/);
    }
  });

  test('never splits an emoji into half a surrogate pair', () => {
    const fitted = fitText('🚨'.repeat(100), 20);
    expect(fitted.length).toBeLessThanOrEqual(20);
    expect(fitted.replace(truncationMarker, '')).toMatch(/^(🚨)+$/u);
  });

  test('with room for less than the marker, still shows that something is missing', () => {
    expect(fitText('abcdefghijklmnop', 5)).toBe('abcd…');
    expect(fitText('abcdef', 0)).toBe('');
  });

  test('takes another marker', () => {
    expect(fitText('x'.repeat(200), 150, '…')).toBe(`${'x'.repeat(149)}…`);
  });
});

describe('splitText and splitSections', () => {
  test('text that fits is one section, and empty text is none (Slack rejects an empty section)', () => {
    expect(splitSections('hello').map(textOf)).toEqual(['hello']);
    expect(splitSections('')).toEqual([]);
    expect(splitSections(' \n ')).toEqual([]);
  });

  test('a 10,000-character text becomes several sections, none over 3,000, with nothing lost', () => {
    const text = words(1300);
    expect(text.length).toBeGreaterThan(10_000);
    const sections = splitSections(text);
    expect(sections.length).toBeGreaterThanOrEqual(4);
    for (const block of sections) expect(textOf(block).length).toBeLessThanOrEqual(3000);
    expect(sections.map(textOf).join('')).toBe(text);
  });

  test('prefers a paragraph break, then a line break, then a space; the blanks stay with the chunk they end', () => {
    const paragraph = 'p'.repeat(2000);
    expect(splitText(`${paragraph}\n\n${'q '.repeat(600)}`, 3000)[0]).toBe(`${paragraph}\n\n`);
    const line = `${'a '.repeat(900)}\n${'b '.repeat(900)}`;
    expect(splitText(line, 3000)[0]).toBe(`${'a '.repeat(900)}\n`);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb ', 'cccc']);
  });

  test('blanks that do not fit in a chunk start the next one: joined, the chunks are the text', () => {
    const text = `${'a'.repeat(8)}   ${'b'.repeat(4)}`;
    expect(splitText(text, 10)).toEqual([`${'a'.repeat(8)}  `, ` ${'b'.repeat(4)}`]);
  });

  test('ignores a break that would leave a tiny chunk', () => {
    const [first] = splitText(`tiny\n\n${'word '.repeat(1000)}`, 3000);
    expect(first!.length).toBeGreaterThan(1500);
  });

  test('text without whitespace is cut hard, but never inside an entity', () => {
    const chunks = splitText(`${'x'.repeat(2998)}&amp;${'y'.repeat(10)}`, 3000);
    expect(chunks).toEqual(['x'.repeat(2998), `&amp;${'y'.repeat(10)}`]);
    const entities = '&lt;'.repeat(2000);
    for (const chunk of splitText(entities, 3000)) expect(chunk).toMatch(/^(&lt;)+$/);
  });
});

describe('fitBlocks', () => {
  const blocks = (count: number): KnownBlock[] => Array.from({ length: count }, (_, i) => section(`block ${i}`));

  test('leaves 50 blocks alone', () => {
    expect(fitBlocks(blocks(50))).toHaveLength(50);
  });

  test('replaces the overflow with a note saying how much was left out', () => {
    const fitted = fitBlocks(blocks(60));
    expect(fitted).toHaveLength(50);
    expect(fitted[48]).toEqual(section('block 48'));
    expect(fitted[49]).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: expect.stringContaining('11 more blocks left out') }] });
  });

  test('one block too many leaves out two, to make room for the note', () => {
    expect(JSON.stringify(fitBlocks(blocks(51)).at(-1))).toContain('2 more blocks left out');
  });

  test('keeps the last blocks when asked, so a card keeps its buttons', () => {
    const fitted = fitBlocks(blocks(60), { keepLast: 1 });
    expect(fitted).toHaveLength(50);
    expect(fitted.at(-1)).toEqual(section('block 59'));
    expect(JSON.stringify(fitted.at(-2))).toContain('11 more blocks left out');
  });
});

describe('limitViolations', () => {
  test('accepts blocks within the limits', () => {
    expect(limitViolations([section('x'.repeat(3000)), { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(150) } }])).toEqual([]);
  });

  test('names each limit broken', () => {
    const found = limitViolations([
      section('x'.repeat(3001)),
      section(' '),
      { type: 'header', text: { type: 'plain_text', text: 'x'.repeat(151) } },
      { type: 'actions', elements: [{ type: 'button', text: { type: 'plain_text', text: 'x'.repeat(76) }, value: 'v' }] },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'x'.repeat(3001) }] },
      ...Array.from({ length: 46 }, () => section('fine')),
    ]);
    expect(found).toEqual([
      'blocks: 51 > 50',
      'block 0 (section) text: 3001 > 3000',
      'block 1 (section) text is empty',
      'block 2 (header) text: 151 > 150',
      'block 3 (actions) button text: 76 > 75',
      'block 4 (context) element text: 3001 > 3000',
    ]);
  });
});
