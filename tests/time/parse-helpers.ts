import { parseUserTime, type TimeParseOptions } from '../../src/time/parse.ts';

// 2021-09-21 14:34 in Sao Paulo (-03:00): the seed report's "Posted Sep 21, 2021 - 14:34 GMT-03:00".
export const saoPaulo: TimeParseOptions = { zone: 'America/Sao_Paulo', now: new Date('2021-09-21T17:34:00Z') };
export const newYorkWinter: TimeParseOptions = { zone: 'America/New_York', now: new Date('2021-12-01T15:00:00Z') };

/** The instant a text parses to, as ISO; fails the test with the parser's refusal otherwise. */
export function instant(text: string, opts: TimeParseOptions = saoPaulo): string {
  const result = parseUserTime(text, opts);
  if (!result.ok) throw new Error(`expected "${text}" to parse, got: ${result.error}`);
  return result.instant.toISOString();
}

/** The parser's refusal of a text; fails the test if it parses. */
export function error(text: string, opts: TimeParseOptions = saoPaulo): string {
  const result = parseUserTime(text, opts);
  if (result.ok) throw new Error(`expected "${text}" to be refused, got ${result.instant.toISOString()}`);
  return result.error;
}
