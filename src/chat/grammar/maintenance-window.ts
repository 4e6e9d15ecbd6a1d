/**
 * `maintenance schedule <start> - <end> <title>`: where the window ends and the title begins. Nothing
 * here reads a time against a clock; it only finds which words are the times, so that a title never
 * swallows part of a time (or a time part of the title), and says what is wrong when they cannot be found.
 */
import { readWritten } from '../../time/written.ts';

export type WindowSplit = { ok: true; window: string; title: string } | { ok: false; error: string };

/** Between the start and the end: a spaced hyphen or dash, an arrow, or "to". */
const separators = new Set(['-', '–', '—', '→', '->', 'to']);
const example = 'like: maintenance schedule 2026-12-01 02:00 - 04:00 Database upgrade';
/** A date, a time of day and a zone of up to two words ("UTC -3") make at most four words. */
const longestTime = 4;

interface Word {
  text: string;
  start: number;
  end: number;
}

function wordsOf(text: string): Word[] {
  return [...text.matchAll(/\S+/g)].map((match) => ({ text: match[0], start: match.index, end: match.index + match[0].length }));
}

/**
 * The zone of a time written before a title must be spelled as a zone beyond doubt: a region/city
 * name, UTC or an offset. A bare word such as "Poland" or "EST" is a legal zone name, but far more
 * often the first word of the title.
 */
function zoneBeyondDoubt(words: readonly string[]): boolean {
  const zone = words.slice(words.findLastIndex((word) => word.includes(':')) + 1).join(' ');
  return zone === '' || zone.includes('/') || /^(?:utc|gmt|z)$/i.test(zone) || /\d/.test(zone);
}

/** How many of `words` the end time takes: the most that still read as one time, or 0. */
function endLength(words: readonly Word[]): number {
  for (let n = Math.min(longestTime, words.length); n > 0; n--) {
    const candidate = words.slice(0, n).map((word) => word.text);
    const written = readWritten(candidate.join(' '));
    // An impossible time ("25:00") is still the end: the service says what is wrong with it.
    if ((written.kind === 'invalid' || written.kind === 'wall') && zoneBeyondDoubt(candidate)) return n;
  }
  return 0;
}

export function splitWindow(text: string): WindowSplit {
  const words = wordsOf(text);
  if (words.length === 0) return { ok: false, error: `Give the window and a title, ${example}.` };
  const at = words.findIndex((word) => separators.has(word.text.toLowerCase()));
  if (at < 0) {
    return { ok: false, error: `Separate the start and the end with " - " or " to ", ${example}.` };
  }
  const separator = words[at]!.text;
  if (at === 0) return { ok: false, error: `Give the start before "${separator}", ${example}.` };
  const start = text.slice(words[0]!.start, words[at - 1]!.end);
  if (readWritten(start.replace(/\s+/g, ' ')).kind === 'unreadable') {
    return { ok: false, error: `Could not read "${start}" as the start time; the window comes before the title, ${example}.` };
  }
  const rest = words.slice(at + 1);
  if (rest.length === 0) return { ok: false, error: `Give the end after "${separator}", then the title, ${example}.` };
  const n = endLength(rest);
  if (n === 0) {
    const got = rest
      .slice(0, 2)
      .map((word) => word.text)
      .join(' ');
    return { ok: false, error: `Could not read an end time after "${separator}" (got "${got}"); write it like 04:00 or 2026-12-01 04:00.` };
  }
  const end = text.slice(rest[0]!.start, rest[n - 1]!.end);
  return { ok: true, window: `${start} to ${end}`, title: text.slice(rest[n - 1]!.end).trim() };
}
