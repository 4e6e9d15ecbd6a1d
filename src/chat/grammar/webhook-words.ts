/**
 * The words of `webhook add <url> [--components …]`, `webhook remove <W3|url>`, `webhook rotate W3`
 * and `webhook list`. Values are passed on as typed when they cannot be understood, for the schema
 * to reject with the user's own words quoted.
 */
import { webhookActions } from './commands.ts';
import { canonical, firstWord, nameList, numberOr, trimQuotes } from './tokenize.ts';

type Built = { ok: true; fields: Record<string, unknown> } | { ok: false; error: string };

/** Slack sends a typed link as <https://…> or <https://…|label>; quotes may surround it too. */
function urlOf(word: string): string {
  const unquoted = trimQuotes(word);
  return /^<([^|>]+)(?:\|[^>]*)?>$/.exec(unquoted)?.[1] ?? unquoted;
}

/** W3, WH-3 or 3 → 3; anything else stays as typed. */
function webhookOf(word: string): number | string {
  const digits = /^#?(?:w|wh-)?(\d+)$/i.exec(word)?.[1];
  return digits === undefined ? word : numberOr(digits, word);
}

function oneWord(action: string, text: string, what: string): Built | { word: string } {
  const { first, rest } = firstWord(text);
  if (rest.trim() !== '') return { ok: false, error: `webhook ${action} takes one ${what} (got "${text.trim()}").` };
  return { word: first };
}

export function webhookWords(text: string, flags: ReadonlyMap<string, string>): Built {
  const { first, rest } = firstWord(text);
  const action = canonical(first, webhookActions);
  switch (action) {
    case undefined:
      return { ok: true, fields: { action: first === '' ? undefined : first } };
    case 'add': {
      const word = oneWord('add', rest, 'URL, then flags');
      if ('ok' in word) return word;
      const components = flags.get('components');
      return {
        ok: true,
        fields: { action, url: word.word === '' ? undefined : urlOf(word.word), components: components === undefined ? undefined : nameList(components) },
      };
    }
    case 'remove':
    case 'rotate': {
      const word = oneWord(action, rest, action === 'remove' ? 'webhook id or URL' : 'webhook id, like W3');
      if ('ok' in word) return word;
      const named = urlOf(word.word);
      return { ok: true, fields: { action, webhook: named === '' ? undefined : webhookOf(named) } };
    }
    case 'list':
      return rest.trim() === '' ? { ok: true, fields: { action } } : { ok: false, error: `webhook list takes nothing after it (got "${rest.trim()}").` };
  }
}
