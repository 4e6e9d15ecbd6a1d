// The text rule as the tests see it, restated apart from src/domain/text.ts, and text to try it on.
import fc from 'fast-check';

export type Shape = 'line' | 'prose';

/** The first character the documented rule does not keep in the text, and its position counted in characters from 1. */
export function firstRefused(text: string, shape: Shape): { codePoint: number; position: number } | undefined {
  let position = 0;
  for (const character of text) {
    position += 1;
    const cp = character.codePointAt(0)!;
    const lineBreak = cp === 0x0a || cp === 0x2028 || cp === 0x2029;
    const refused = lineBreak
      ? shape === 'line'
      : (cp < 0x20 && cp !== 0x09) ||
        (cp >= 0x7f && cp <= 0x9f) ||
        (cp >= 0x202a && cp <= 0x202e) ||
        (cp >= 0x2066 && cp <= 0x2069) ||
        (cp >= 0xd800 && cp <= 0xdfff) ||
        (cp >= 0xfdd0 && cp <= 0xfdef) ||
        (cp & 0xfffe) === 0xfffe;
    if (refused) return { codePoint: cp, position };
  }
  return undefined;
}

export const codePoints = (text: string) => [...text].map((c) => c.codePointAt(0)!.toString(16));

/** What breaks outputs: markup, entities, mentions, Markdown, right-to-left text, emoji, combining marks, odd spaces. */
const tricky = fc.constantFrom(
  'a',
  'Z9',
  ' ',
  '  ',
  '\t',
  '<',
  '>',
  '&',
  '"',
  "'",
  '&amp;',
  '&lt;',
  ']]>',
  '<br>',
  '<b>x</b>',
  '@channel',
  '@here',
  '@everyone',
  '@\u2060here',
  '<!channel>',
  '<@U123>',
  '*',
  '_',
  '~',
  '`',
  '#',
  '|',
  '[x](https://evil.example)',
  '\\',
  '- ',
  '1. ',
  '> ',
  '===',
  ':smile:',
  '🚨',
  '👩‍👩‍👧',
  '🇧🇷',
  'e\u0301',
  'ﷺ',
  'שלום',
  'مرحبا',
  '\u200f',
  '\u200e',
  '\u061c',
  '\u200b',
  '\ufeff',
  '\u00a0',
  '\u3000',
  '\u{10fffd}',
  '\ue000',
  '\ufffd',
);
const lineBreaks = fc.constantFrom('\n', '\n\n', '\n \n', '\n\n\n', '\u2028', '\u2029');
const refusedAnywhere = fc.constantFrom(
  '\u0000',
  '\u0085',
  '\u202e',
  '\u2066',
  '\r',
  '\r\n',
  '\u001b',
  '\u007f',
  '\u009f',
  '\ufffe',
  '\uffff',
  '\ufdd0',
  '\u{1fffe}',
);
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit));
/** Any code point of the whole range, and whole graphemes. */
const anyCharacters = [fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 })];

/** Long enough that two of them overflow a Slack section (3,000 characters), so the text is split. */
const paragraph = fc.constant(`${'Queues are draining & recovering. '.repeat(50).trimEnd()}\n\n`);

const units = (shape: Shape) => fc.oneof({ weight: 6, arbitrary: tricky }, ...anyCharacters, ...(shape === 'prose' ? [lineBreaks, paragraph] : []));

/** Units joined into text that is not blank and within `limit` (a title holds 200, an update 4,000). */
function joined(unit: fc.Arbitrary<string>, maxUnits: number, limit: number) {
  return fc
    .array(unit, { minLength: 1, maxLength: maxUnits })
    .map((parts) => parts.join(''))
    .filter((t) => t.trim() !== '' && t.trim().length <= limit);
}

const limitOf = (shape: Shape) => (shape === 'line' ? 200 : 4000);

/** Text the rule keeps (but for the rare refused code point the whole range may give). */
export const keptText = (shape: Shape, maxUnits: number, limit = limitOf(shape)) => joined(units(shape), maxUnits, limit);

/** One character (or CR LF) the rule refuses in a field of that shape. */
export const refusedCharacter = (shape: Shape) =>
  fc.oneof({ weight: 3, arbitrary: refusedAnywhere }, loneSurrogate, ...(shape === 'line' ? [fc.constantFrom('\n', '\u2028', '\u2029')] : []));

/** Mostly text the rule keeps; now and then text with characters it refuses anywhere, or line breaks. */
export function typed(shape: Shape, maxUnits: number) {
  const risky = fc.oneof({ weight: 6, arbitrary: units(shape) }, refusedAnywhere, loneSurrogate, lineBreaks);
  return fc.oneof({ weight: 3, arbitrary: keptText(shape, maxUnits) }, { weight: 1, arbitrary: joined(risky, maxUnits, limitOf(shape)) });
}
