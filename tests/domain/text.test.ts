import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { isTextIssue, keptAsTyped, textFault } from '../../src/domain/text.ts';

describe('the text rule', () => {
  test('NUL, a C1 control, an override and a lone surrogate are named, with where they are', () => {
    expect(textFault('cache\u0000 restarted', 'note', 'prose')).toBe(
      'The note has U+0000 NULL at character 6: a control character that the status page, feeds and chat cannot show as typed; remove it.',
    );
    expect(textFault('line\u0085two', 'public update', 'prose')).toBe(
      'The public update has U+0085 NEXT LINE at character 5: a control character that the status page, feeds and chat cannot show as typed; remove it.',
    );
    expect(textFault('ab\u202Ecd', 'title', 'line')).toBe(
      'The title has U+202E RIGHT-TO-LEFT OVERRIDE at character 3: it makes text display in another order than it is stored; use U+200F RIGHT-TO-LEFT MARK or U+200E LEFT-TO-RIGHT MARK instead.',
    );
    expect(textFault('x\uD800y', 'note', 'prose')).toBe(
      'The note has U+D800 (a lone surrogate) at character 2: half of a character, which cannot be stored; the text was damaged on its way here, so type or paste it again.',
    );
  });

  test('positions count characters, so an emoji before the fault is one of them', () => {
    expect(textFault('🚨👩‍👩‍👧\u0007', 'note', 'prose')).toContain('U+0007 ALERT at character 7:');
    expect(textFault('\uDC00', 'note', 'prose')).toContain('U+DC00 (a lone surrogate) at character 1:');
  });

  test('every C0 control but TAB and LF, DEL and every C1 control is refused in prose', () => {
    const refused = [
      ...Array.from({ length: 0x20 }, (_, i) => i).filter((cp) => cp !== 0x09 && cp !== 0x0a),
      0x7f,
      ...Array.from({ length: 0x20 }, (_, i) => 0x80 + i),
    ];
    for (const cp of refused)
      expect(textFault(`a${String.fromCodePoint(cp)}b`, 'note', 'prose'), cp.toString(16)).toMatch(/^The note has U\+00[0-9A-F]{2} [A-Z ]+ at character 2: /);
    expect(textFault('a\tb\nc', 'note', 'prose')).toBeUndefined();
  });

  test('a carriage return is refused with the way to write a line break instead', () => {
    expect(textFault('a\r\nb', 'note', 'prose')).toBe(
      'The note has U+000D CARRIAGE RETURN at character 2: a control character that pages and feeds would turn into something else; end lines with a plain line break instead.',
    );
    expect(textFault('a\rb', 'title', 'line')).toContain('the title is one line.');
  });

  test('one-line fields refuse line breaks, and keep TAB', () => {
    expect(textFault('a\nb', 'title', 'line')).toBe('The title has U+000A LINE FEED at character 2: a line break, but the title is one line; remove it.');
    expect(textFault('a\u2028b', 'reason', 'line')).toContain('U+2028 LINE SEPARATOR at character 2');
    expect(textFault('a\u2029b', 'maintenance title', 'line')).toContain(
      'U+2029 PARAGRAPH SEPARATOR at character 2: a line break, but the maintenance title is one line',
    );
    expect(textFault('a\u2028b\u2029c', 'note', 'prose')).toBeUndefined();
    expect(textFault('a\tb', 'title', 'line')).toBeUndefined();
  });

  test('every explicit bidi control is refused; the implicit marks right-to-left writers need are kept', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      expect(textFault(String.fromCodePoint(cp), 'note', 'prose')).toContain('use U+200F RIGHT-TO-LEFT MARK or U+200E LEFT-TO-RIGHT MARK instead');
    }
    expect(textFault('\u200Fשלום עולם\u200E (ok) \u061Cمرحبا', 'title', 'line')).toBeUndefined();
  });

  test('noncharacters are refused in every plane; their neighbours are kept', () => {
    for (const cp of [0xfdd0, 0xfdef, 0xfffe, 0xffff, 0x1fffe, 0x10ffff]) {
      expect(textFault(String.fromCodePoint(cp), 'note', 'prose')).toMatch(/^The note has U\+[0-9A-F]{4,6} \(a noncharacter\) at character 1: /);
    }
    expect(textFault(String.fromCodePoint(0xfdcf, 0xfdf0, 0xfffd, 0x1fffd, 0xe000, 0x10fffd), 'note', 'prose')).toBeUndefined();
  });

  test('emoji, combining marks, markup and mentions are kept as typed', () => {
    expect(textFault('e\u0301 👩🏽‍🚒 <b>&amp;</b> @channel *bold* `x` \u200B\uFEFF', 'title', 'line')).toBeUndefined();
  });

  test("as a zod check: the issue is marked as the rule's, and its message is the whole sentence", () => {
    const title = z.string().trim().min(1).superRefine(keptAsTyped('title', 'line'));
    const result = title.safeParse('  Outage\u0000 ');
    expect(result.success).toBe(false);
    const [issue] = result.error!.issues;
    expect(isTextIssue(issue!)).toBe(true);
    expect(issue!.message).toBe(
      'The title has U+0000 NULL at character 7: a control character that the status page, feeds and chat cannot show as typed; remove it.',
    );
    expect(title.parse('  Outage\t ')).toBe('Outage');
    expect(isTextIssue(z.string().min(3).safeParse('x').error!.issues[0]!)).toBe(false);
  });
});
