import type { AnyBlock, ContextBlock, HeaderBlock, KnownBlock, PlainTextElement, SectionBlock } from '@slack/types';

/**
 * Block Kit's documented maxima (docs.slack.dev, Block Kit reference). Slack rejects a whole message
 * or view over any of them, so an incident with a long body would otherwise post nothing at all.
 * Lengths are counted in UTF-16 code units, which is never fewer than Slack's characters.
 */
export const limits = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  sectionFieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextElementText: 3000,
  buttonText: 75,
  buttonValue: 2000,
  blockId: 255,
  selectOptions: 100,
  optionText: 75,
  inputLabel: 2000,
  placeholder: 150,
  modalTitle: 24,
  modalButton: 24,
  /** The highest max_length a plain_text_input accepts. */
  textInput: 3000,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Slack cuts a message's top-level `text` beyond this. */
  fallbackText: 40_000,
} as const;

export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export const truncationMarker = '… (truncated)';

/** Before the first `&` of an entity the cut would split, and never between the halves of a surrogate pair. */
function safeCut(text: string, at: number): number {
  let cut = at;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp !== -1 && cut - amp < 5) {
    const entity = /^&(?:amp|lt|gt);/.exec(text.slice(amp, amp + 5));
    if (entity && amp + entity[0].length > cut) cut = amp;
  }
  const before = text.charCodeAt(cut - 1);
  if (cut < text.length && before >= 0xd800 && before <= 0xdbff) cut -= 1;
  return cut;
}

/** Shortens text to at most max characters, ending at a word when one is near, and says so visibly. */
export function fitText(text: string, max: number, marker: string = truncationMarker): string {
  if (text.length <= max) return text;
  if (max <= marker.length) return max > 0 ? `${text.slice(0, safeCut(text, max - 1))}…` : '';
  let cut = safeCut(text, max - marker.length);
  const space = text.slice(0, cut + 1).search(/\s\S*$/);
  if (space >= cut * 0.8) cut = space;
  return `${text.slice(0, cut).trimEnd()}${marker}`;
}

/** The last match of the global pattern in text: where it starts and where it ends. */
function lastMatch(text: string, pattern: RegExp): { start: number; end: number } | undefined {
  let last: { start: number; end: number } | undefined;
  for (const match of text.matchAll(pattern)) last = { start: match.index, end: match.index + match[0].length };
  return last;
}

const boundaries = [/\n[^\S\n]*\n\s*/g, /\n\s*/g, /\s+/g];

/**
 * Where a chunk of at most max characters should end: after the last paragraph break, else line
 * break, else space, as long as that keeps at least half the room (the blanks go with the chunk they
 * end, or start the next one when they do not fit); otherwise anywhere not inside an entity.
 */
function chunkEnd(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const boundary of boundaries) {
    const at = lastMatch(window, boundary);
    if (at && at.start >= max / 2) return Math.min(at.end, max);
  }
  const cut = safeCut(text, max);
  return cut > 0 ? cut : max;
}

/**
 * Splits text into chunks of at most max characters at the most natural boundaries available. Every
 * character stays in exactly one chunk, so the chunks joined are the text (nothing is trimmed away).
 */
export function splitText(text: string, max: number): string[] {
  if (text.trim() === '') return [];
  const chunks: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const end = chunkEnd(rest, max);
    chunks.push(rest.slice(0, end));
    rest = rest.slice(end);
  }
  chunks.push(rest);
  return chunks;
}

export function section(mrkdwn: string): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: mrkdwn } };
}

/** A long mrkdwn text as as many section blocks as it takes; none for empty text, which Slack rejects. */
export function splitSections(mrkdwn: string, max: number = limits.sectionText): SectionBlock[] {
  return splitText(mrkdwn, max).map(section);
}

export function plain(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: fitText(text, max) };
}

/** Header text is plain_text: Slack parses no mentions or links in it, so it carries user text unescaped. */
export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: fitText(text, limits.headerText) } };
}

/**
 * A title at the top of a message: a header when it fits, else a section of plain_text (it holds
 * 3,000 characters, more than any title), so a title is never cut. Neither parses mentions or links.
 */
export function titleBlock(text: string): HeaderBlock | SectionBlock {
  return text.length <= limits.headerText ? header(text) : { type: 'section', text: { type: 'plain_text', text } };
}

export function context(mrkdwn: string): ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: fitText(mrkdwn, limits.contextElementText) }] };
}

/**
 * At most max blocks: the overflow is replaced by a note saying how much was left out. The last
 * keepLast blocks (an approval card's buttons) are kept, since losing them would strand the card.
 */
export function fitBlocks(blocks: KnownBlock[], options: { max?: number; keepLast?: number } = {}): KnownBlock[] {
  const { max = limits.blocksPerMessage, keepLast = 0 } = options;
  if (blocks.length <= max) return blocks;
  const tail = keepLast > 0 ? blocks.slice(-keepLast) : [];
  const head = blocks.slice(0, max - 1 - tail.length);
  const omitted = blocks.length - head.length - tail.length;
  const note = context(`… ${omitted} more ${omitted === 1 ? 'block' : 'blocks'} left out: Slack shows at most ${max} in one message.`);
  return [...head, note, ...tail];
}

export function message(text: string, blocks: KnownBlock[], keepLast = 0): SlackMessage {
  return { text: fitText(text, limits.fallbackText), blocks: fitBlocks(blocks, { keepLast }) };
}

type TextObject = { type: string; text: string };

/**
 * Every way the blocks break Block Kit's limits, described; empty when Slack would accept them.
 * The message builders cannot produce a violation; this lets callers assert it before posting.
 */
export function limitViolations(blocks: readonly AnyBlock[], maxBlocks: number = limits.blocksPerMessage): string[] {
  const found: string[] = [];
  const check = (what: string, length: number, max: number) => {
    if (length > max) found.push(`${what}: ${length} > ${max}`);
  };
  check('blocks', blocks.length, maxBlocks);
  blocks.forEach((block, index) => {
    const at = `block ${index} (${block.type})`;
    if (block.block_id !== undefined) check(`${at} block_id`, block.block_id.length, limits.blockId);
    const b = block as { text?: TextObject; fields?: TextObject[]; elements?: unknown[] };
    if (block.type === 'section') {
      if (b.text) check(`${at} text`, b.text.text.length, limits.sectionText);
      if (b.text?.text.trim() === '') found.push(`${at} text is empty`);
      check(`${at} fields`, b.fields?.length ?? 0, limits.sectionFields);
      for (const [i, field] of (b.fields ?? []).entries()) check(`${at} field ${i}`, field.text.length, limits.sectionFieldText);
    }
    if (block.type === 'header' && b.text) check(`${at} text`, b.text.text.length, limits.headerText);
    if (block.type === 'context') {
      check(`${at} elements`, b.elements?.length ?? 0, limits.contextElements);
      for (const element of (b.elements ?? []) as Partial<TextObject>[]) {
        if (element.text !== undefined) check(`${at} element text`, element.text.length, limits.contextElementText);
      }
    }
    if (block.type === 'actions') {
      for (const element of (b.elements ?? []) as { type: string; text?: TextObject; value?: string }[]) {
        if (element.type !== 'button') continue;
        if (element.text) check(`${at} button text`, element.text.text.length, limits.buttonText);
        if (element.value !== undefined) check(`${at} button value`, element.value.length, limits.buttonValue);
      }
    }
  });
  return found;
}
