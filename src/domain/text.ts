/**
 * The one rule for text people type (titles, notes, public updates, incident reports, reasons):
 * every character is kept exactly as typed, on the timeline, the status page, the API, the feeds,
 * webhooks, e-mail and chat, or the text is refused here, before anything is stored, with the
 * character and where it is. Only the blanks at either end are dropped.
 *
 * Refused, and why:
 * - C0 controls but TAB and LF (NUL, CR, ESC…), DEL and the C1 controls (U+0080–U+009F): XML feeds
 *   cannot carry most of them, HTML turns NUL into U+FFFD and CR into LF, PostgreSQL refuses NUL and
 *   SQLite cuts the text at it; none of them shows as anything a reader could check.
 * - Lone surrogates (half of a character, as a JSON payload's "\ud800" arrives): both databases
 *   store them as U+FFFD, so what comes back is not what was sent.
 * - Noncharacters (U+FDD0–U+FDEF and the last two of every plane): reserved for programs' own use;
 *   XML cannot carry U+FFFE or U+FFFF.
 * - The explicit bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make
 *   text display in another order than it is stored ("Trojan Source"), so an approver could read an
 *   update other than the one published. The implicit marks U+200E, U+200F and U+061C, which
 *   right-to-left writers need, are kept.
 * - In one-line fields (titles, reasons) also line breaks (LF, U+2028, U+2029): chat shows a title
 *   among lines of its own (a break could forge one) and mail subjects have one line.
 * Everything else is kept: TAB, emoji, combining marks, right-to-left scripts, private use.
 */
import type { z } from 'zod';

/** A one-line field (a title, a reason) or prose, whose line breaks are kept. */
export type TextShape = 'line' | 'prose';

const c0 = [
  'NULL',
  'START OF HEADING',
  'START OF TEXT',
  'END OF TEXT',
  'END OF TRANSMISSION',
  'ENQUIRY',
  'ACKNOWLEDGE',
  'ALERT',
  'BACKSPACE',
  'CHARACTER TABULATION',
  'LINE FEED',
  'LINE TABULATION',
  'FORM FEED',
  'CARRIAGE RETURN',
  'SHIFT OUT',
  'SHIFT IN',
  'DATA LINK ESCAPE',
  'DEVICE CONTROL ONE',
  'DEVICE CONTROL TWO',
  'DEVICE CONTROL THREE',
  'DEVICE CONTROL FOUR',
  'NEGATIVE ACKNOWLEDGE',
  'SYNCHRONOUS IDLE',
  'END OF TRANSMISSION BLOCK',
  'CANCEL',
  'END OF MEDIUM',
  'SUBSTITUTE',
  'ESCAPE',
  'INFORMATION SEPARATOR FOUR',
  'INFORMATION SEPARATOR THREE',
  'INFORMATION SEPARATOR TWO',
  'INFORMATION SEPARATOR ONE',
];
const c1 = [
  'PADDING CHARACTER',
  'HIGH OCTET PRESET',
  'BREAK PERMITTED HERE',
  'NO BREAK HERE',
  'INDEX',
  'NEXT LINE',
  'START OF SELECTED AREA',
  'END OF SELECTED AREA',
  'CHARACTER TABULATION SET',
  'CHARACTER TABULATION WITH JUSTIFICATION',
  'LINE TABULATION SET',
  'PARTIAL LINE FORWARD',
  'PARTIAL LINE BACKWARD',
  'REVERSE LINE FEED',
  'SINGLE SHIFT TWO',
  'SINGLE SHIFT THREE',
  'DEVICE CONTROL STRING',
  'PRIVATE USE ONE',
  'PRIVATE USE TWO',
  'SET TRANSMIT STATE',
  'CANCEL CHARACTER',
  'MESSAGE WAITING',
  'START OF GUARDED AREA',
  'END OF GUARDED AREA',
  'START OF STRING',
  'SINGLE GRAPHIC CHARACTER INTRODUCER',
  'SINGLE CHARACTER INTRODUCER',
  'CONTROL SEQUENCE INTRODUCER',
  'STRING TERMINATOR',
  'OPERATING SYSTEM COMMAND',
  'PRIVACY MESSAGE',
  'APPLICATION PROGRAM COMMAND',
];
const bidi: Record<number, string> = {
  8234: 'LEFT-TO-RIGHT EMBEDDING',
  8235: 'RIGHT-TO-LEFT EMBEDDING',
  8236: 'POP DIRECTIONAL FORMATTING',
  8237: 'LEFT-TO-RIGHT OVERRIDE',
  8238: 'RIGHT-TO-LEFT OVERRIDE',
  8294: 'LEFT-TO-RIGHT ISOLATE',
  8295: 'RIGHT-TO-LEFT ISOLATE',
  8296: 'FIRST STRONG ISOLATE',
  8297: 'POP DIRECTIONAL ISOLATE',
};
const lineBreaks: Record<number, string> = { 10: 'LINE FEED', 8232: 'LINE SEPARATOR', 8233: 'PARAGRAPH SEPARATOR' };

/** The character as people look it up: `U+0000 NULL`, `U+D800 (a lone surrogate)`. */
function named(codePoint: number, name: string): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} ${name}`;
}

const controlWhy = 'a control character that the status page, feeds and chat cannot show as typed; remove it';

/** What is wrong with one character in a field of that shape, as [the character, why], or undefined when it is kept. */
function fault(codePoint: number, field: string, shape: TextShape): [string, string] | undefined {
  const lineBreak = lineBreaks[codePoint];
  if (lineBreak !== undefined) return shape === 'line' ? [named(codePoint, lineBreak), `a line break, but the ${field} is one line; remove it`] : undefined;
  if (codePoint === 0x09) return undefined;
  if (codePoint === 0x0d) {
    const instead = shape === 'line' ? `the ${field} is one line` : 'end lines with a plain line break instead';
    return [named(codePoint, 'CARRIAGE RETURN'), `a control character that pages and feeds would turn into something else; ${instead}`];
  }
  const control = codePoint < 0x20 ? c0[codePoint] : codePoint === 0x7f ? 'DELETE' : codePoint >= 0x80 && codePoint <= 0x9f ? c1[codePoint - 0x80] : undefined;
  if (control !== undefined) return [named(codePoint, control), controlWhy];
  const override = bidi[codePoint];
  if (override !== undefined) {
    return [
      named(codePoint, override),
      'it makes text display in another order than it is stored; use U+200F RIGHT-TO-LEFT MARK or U+200E LEFT-TO-RIGHT MARK instead',
    ];
  }
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) {
    return [
      named(codePoint, '(a lone surrogate)'),
      'half of a character, which cannot be stored; the text was damaged on its way here, so type or paste it again',
    ];
  }
  if ((codePoint >= 0xfdd0 && codePoint <= 0xfdef) || (codePoint & 0xfffe) === 0xfffe) {
    return [named(codePoint, '(a noncharacter)'), "reserved for programs' own use, and feeds cannot carry it; remove it"];
  }
  return undefined;
}

/**
 * Why `text` cannot be kept as typed, as one sentence naming the field, the character (code point
 * and name) and its position (counted in characters from 1); undefined when every character is kept.
 */
export function textFault(text: string, field: string, shape: TextShape): string | undefined {
  let position = 0;
  // Iterating a string yields code points, and a lone surrogate as itself.
  for (const character of text) {
    position += 1;
    const found = fault(character.codePointAt(0)!, field, shape);
    if (found !== undefined) return `The ${field} has ${found[0]} at character ${position}: ${found[1]}.`;
  }
  return undefined;
}

/** Marks an issue as the text rule's: its message is a whole sentence, shown as it is. */
const textRule = { rule: 'text' } as const;

/** The rule as a zod check, after `.trim()`: `z.string().trim().min(1).superRefine(keptAsTyped('title', 'line'))`. */
export function keptAsTyped(field: string, shape: TextShape) {
  return (value: string, ctx: z.RefinementCtx<string>): void => {
    const message = textFault(value, field, shape);
    if (message !== undefined) ctx.addIssue({ code: 'custom', message, params: textRule, input: value });
  };
}

/** Whether a zod issue is the text rule's, whose message is already the whole sentence for the person. */
export function isTextIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'custom' && issue.params?.rule === textRule.rule;
}
