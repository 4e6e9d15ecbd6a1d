// Block Kit limits Slack enforces on messages, from its block reference. Only the rules a message
// from crisisroom could plausibly break are checked; a block the fake accepts may still be one Slack refuses.

export interface BlocksProblem {
  error: 'invalid_blocks' | 'invalid_blocks_format';
  /** In the shape Slack puts in response_metadata.messages, so a failing test says which field broke. */
  message: string;
}

const MAX_BLOCKS_IN_MESSAGE = 50;
const MAX_BLOCK_ID = 255;
const MAX_TEXT_OBJECT = 3000;
const MAX_SECTION_FIELDS = 10;
const MAX_SECTION_FIELD_TEXT = 2000;
const MAX_HEADER_TEXT = 150;
const MAX_BUTTON_TEXT = 75;
const MAX_CONTEXT_ELEMENTS = 10;
const MAX_ACTIONS_ELEMENTS = 25;

const BLOCK_TYPES = new Set([
  'actions',
  'context',
  'context_actions',
  'divider',
  'file',
  'header',
  'image',
  'input',
  'markdown',
  'rich_text',
  'section',
  'video',
]);

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

class Invalid extends Error {
  readonly pointer: string;
  constructor(message: string, pointer: string) {
    super(message);
    this.pointer = pointer;
  }
}

function textObject(value: unknown, pointer: string, max: number, plainOnly = false): void {
  if (!isObject(value)) throw new Invalid('must provide an object', pointer);
  const allowed = plainOnly ? ['plain_text'] : ['plain_text', 'mrkdwn'];
  if (typeof value.type !== 'string' || !allowed.includes(value.type)) {
    throw new Invalid(`must be one of: ${allowed.join(', ')}`, `${pointer}/type`);
  }
  if (typeof value.text !== 'string' || value.text.length === 0) throw new Invalid('must be more than 0 characters', `${pointer}/text`);
  if (value.text.length > max) throw new Invalid(`must be less than ${max + 1} characters`, `${pointer}/text`);
}

function element(value: unknown, pointer: string): void {
  if (!isObject(value) || typeof value.type !== 'string') throw new Invalid('must provide an element with a type', pointer);
  if (value.type === 'button') textObject(value.text, `${pointer}/text`, MAX_BUTTON_TEXT, true);
}

function section(block: Json, pointer: string): void {
  if (block.text === undefined && block.fields === undefined) throw new Invalid('must provide text or fields', pointer);
  if (block.text !== undefined) textObject(block.text, `${pointer}/text`, MAX_TEXT_OBJECT);
  if (block.fields !== undefined) {
    if (!Array.isArray(block.fields)) throw new Invalid('must provide an array', `${pointer}/fields`);
    if (block.fields.length > MAX_SECTION_FIELDS) throw new Invalid(`must provide no more than ${MAX_SECTION_FIELDS} items`, `${pointer}/fields`);
    for (const [i, field] of block.fields.entries()) textObject(field, `${pointer}/fields/${i}`, MAX_SECTION_FIELD_TEXT);
  }
  if (block.accessory !== undefined) element(block.accessory, `${pointer}/accessory`);
}

function elements(block: Json, pointer: string, max: number, each: (value: unknown, at: string) => void): void {
  const list = block.elements;
  if (!Array.isArray(list) || list.length === 0) throw new Invalid('must provide a non-empty array', `${pointer}/elements`);
  if (list.length > max) throw new Invalid(`must provide no more than ${max} items`, `${pointer}/elements`);
  for (const [i, value] of list.entries()) each(value, `${pointer}/elements/${i}`);
}

function block(value: unknown, pointer: string): void {
  if (!isObject(value)) throw new Invalid('must provide an object', pointer);
  if (typeof value.type !== 'string' || !BLOCK_TYPES.has(value.type)) throw new Invalid('must provide a valid block type', `${pointer}/type`);
  if (value.block_id !== undefined && (typeof value.block_id !== 'string' || value.block_id.length > MAX_BLOCK_ID)) {
    throw new Invalid(`must be a string of no more than ${MAX_BLOCK_ID} characters`, `${pointer}/block_id`);
  }
  switch (value.type) {
    case 'section':
      section(value, pointer);
      break;
    case 'header':
      textObject(value.text, `${pointer}/text`, MAX_HEADER_TEXT, true);
      break;
    case 'context':
      elements(value, pointer, MAX_CONTEXT_ELEMENTS, (item, at) => {
        if (isObject(item) && item.type === 'image') return;
        textObject(item, at, MAX_TEXT_OBJECT);
      });
      break;
    case 'actions':
      elements(value, pointer, MAX_ACTIONS_ELEMENTS, element);
      break;
  }
}

/** Checks a message's `blocks` argument as chat.postMessage and chat.update receive it. */
export function validateMessageBlocks(blocks: unknown): BlocksProblem | undefined {
  if (!Array.isArray(blocks)) return { error: 'invalid_blocks_format', message: '[ERROR] blocks must be a JSON array' };
  try {
    if (blocks.length > MAX_BLOCKS_IN_MESSAGE) throw new Invalid(`no more than ${MAX_BLOCKS_IN_MESSAGE} items allowed`, '/blocks');
    for (const [i, value] of blocks.entries()) block(value, `/blocks/${i}`);
    return undefined;
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return { error: 'invalid_blocks', message: `[ERROR] ${error.message} [json-pointer:${error.pointer}]` };
  }
}
