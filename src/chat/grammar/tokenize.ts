/**
 * The lexical layer of the chat language: where the verb, the flags and the incident id are in a
 * line. Nothing here judges whether a value is valid; values that cannot be understood are passed on
 * as typed, so the schemas reject them and the error can quote what the user wrote.
 */

export interface Flag {
  name: string;
  value: string;
}

/** Slack and phones turn typed quotes into typographic ones; all of them count as quotes. */
export const quoteCharacters = '"“”„\'‘’';
const edgeQuotes = new RegExp(`^[${quoteCharacters}]+|[${quoteCharacters}]+$`, 'g');

/**
 * A flag starts a word: --sev, also —sev or –sev because phones turn a typed -- into a dash.
 * `--sev=2` works like `--sev 2`.
 */
const flagPattern = /(?<=^|\s)(?:--|[—–])([a-z][\w-]*)(?:=|(?=\s|$))/gi;

/** The verb as typed and the text after it; no verb for an empty line or a bare /incident. */
export function splitVerb(line: string): { verb?: string; rest: string } {
  const body = line.trim().replace(/^\/incident(?=\s|$)/i, '');
  const { first, rest } = firstWord(body);
  return first ? { verb: first, rest } : { rest };
}

/** Free text runs to the first flag; each flag's value runs to the next one. */
export function splitFlags(text: string): { text: string; flags: Flag[] } {
  const matches = [...text.matchAll(flagPattern)];
  const ends = [...matches.slice(1).map((match) => match.index), text.length];
  return {
    text: text.slice(0, matches[0]?.index ?? text.length),
    flags: matches.map((match, i) => ({
      name: (match[1] ?? '').toLowerCase(),
      value: text.slice(match.index + match[0].length, ends[i]),
    })),
  };
}

export function firstWord(text: string): { first: string; rest: string } {
  const match = /^\s*(\S*)\s*(.*)$/s.exec(text);
  return { first: match?.[1] ?? '', rest: match?.[2] ?? '' };
}

/** Splits off a leading INC-7 or #INC-7; text without one is all rest. */
export function takeIncident(text: string): { incident?: number | string; rest: string } {
  const { first, rest } = firstWord(text);
  const digits = /^#?inc-(\d+)$/i.exec(first)?.[1];
  return digits === undefined ? { rest: text } : { incident: numberOr(digits, first), rest };
}

export function isDraftId(word: string): boolean {
  return /^d\d+$/i.test(word);
}

/** D3 → 3; anything else stays as typed. */
export function draftOf(word: string): number | string {
  return isDraftId(word) ? numberOr(word.slice(1), word) : word;
}

/** M3 or MNT-3 (as the status page names it) → 3; anything else stays as typed. */
export function maintenanceOf(word: string): number | string {
  const digits = /^#?(?:m|mnt-)(\d+)$/i.exec(word)?.[1];
  return digits === undefined ? word : numberOr(digits, word);
}

/**
 * The counting number spelled by digits, or the fallback (what the user typed) when there is none:
 * not digits, zero, or too many digits to count exactly. Every id and severity is a counting number.
 */
export function numberOr(digits: string, fallback: string = digits): number | string {
  const number = Number(digits);
  return /^\d+$/.test(digits) && Number.isSafeInteger(number) && number > 0 ? number : fallback;
}

/** The known word matching case-insensitively, in its own spelling (pt-br → pt-BR), or undefined. */
export function canonical<T extends string>(word: string, known: readonly T[]): T | undefined {
  const lower = word.toLowerCase();
  return known.find((candidate) => candidate.toLowerCase() === lower);
}

export function trimQuotes(text: string): string {
  return text.trim().replace(edgeQuotes, '').trim();
}

export function blankToUndefined(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** "CRM, Core, crm" → ["CRM", "Core"]: names are compared case-insensitively, the first spelling wins. */
export function nameList(value: string): string[] {
  const names = value.split(',').map(trimQuotes).filter(Boolean);
  return names.filter((name, i) => names.findIndex((other) => other.toLowerCase() === name.toLowerCase()) === i);
}
