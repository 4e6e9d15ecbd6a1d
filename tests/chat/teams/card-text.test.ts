import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { cardText } from '../../../src/chat/teams/cards/card-text.ts';

const md = new MarkdownIt();
const entities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"' };
/** What a reader sees of a line of Markdown: rendered as Teams' TextBlock does, tags dropped, entities read. */
const shown = (markdown: string) => {
  const html = md.renderInline(markdown);
  expect(html).not.toMatch(/<(?!br)[a-z]/);
  return html.replace(/&(?:amp|lt|gt|quot);/g, (entity) => entities[entity]!);
};

describe('cardText (user text in an Adaptive Card TextBlock)', () => {
  test('links, mentions, emphasis and code typed by someone show as typed', () => {
    for (const typed of [
      '[click](https://evil.example)',
      '<at>Bob</at>',
      '**bold** _it_ ~~gone~~ `code`',
      '![img](https://x/y.png)',
      '&lt;at&gt;',
      'a\\*b',
      '<https://evil.example>',
    ]) {
      expect(shown(cardText(typed))).toBe(typed);
    }
  });

  test('any single line, whatever its characters, shows exactly as typed and makes no markup', () => {
    const line = fc
      .string({ unit: fc.constantFrom(...'ab 1.-+*_[]()<>!#`~|\\&;:/'.split('')), maxLength: 40 })
      .filter((s) => s === s.trim() && !/ {2}/.test(s));
    fc.assert(fc.property(line, (typed) => shown(cardText(typed)) === typed));
  });

  test('at the start of a line, list, quote, heading and rule markers stay text', () => {
    for (const typed of ['a title\n===', 'a title\n---', '- not a list', '+ nor this', '1. nor a numbered list', '> nor a quote', '# nor a heading']) {
      const html = md.render(cardText(typed));
      expect(html).not.toMatch(/<(?:ul|ol|li|blockquote|h\d|hr)/);
    }
  });
});
