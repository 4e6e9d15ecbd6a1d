/**
 * The words of the incident report's verbs, and of `key`/`unkey`, which mark the key moments the
 * report's draft tells.
 */
import { reportSections } from '../../domain/report.ts';
import { languages } from '../../i18n/languages.ts';
import { type Built, built, failed } from './built.ts';
import { wordList } from './messages.ts';
import { canonical, firstWord, numberOr, trimQuotes } from './tokenize.ts';

/** `#7` or `7`: the entry as the timeline numbers it. */
export function entryOf(verb: 'key' | 'unkey', text: string): Built {
  const { first, rest } = firstWord(text);
  if (rest.trim() !== '' || first === '') return failed(`${verb} takes one timeline entry, like #7 (got "${text.trim()}").`);
  return built({ entry: numberOr(first.replace(/^#/, ''), first) });
}

/**
 * `report` drafts the report from the record; `report preview [--lang pt-BR]` shows it as customers
 * will read it; `report <section> [--lang pt-BR] <text>` writes a section. Only a --lang right
 * after the section is a flag: the text itself is prose, kept whole, dashes and all.
 */
export function reportWords(text: string): Built {
  const { first, rest } = firstWord(text);
  if (first === '') return built({ action: 'draft' });
  const lang = /^--lang\s+(\S+)\s*/i.exec(rest);
  const language = lang?.[1] === undefined ? undefined : (canonical(trimQuotes(lang[1]), languages) ?? trimQuotes(lang[1]));
  const after = lang ? rest.slice(lang[0].length) : rest;
  if (first.toLowerCase() === 'preview') {
    return after.trim() === '' ? built({ action: 'preview', lang: language }) : failed(`report preview takes only --lang (got "${after.trim()}").`);
  }
  const section = canonical(first, reportSections);
  if (section === undefined) {
    return failed(
      `report takes a section before its text (${wordList([...reportSections], 'or')}), or nothing to draft the report from the record (got "${first.length > 40 ? `${first.slice(0, 40)}…` : first}").`,
    );
  }
  return built({ action: 'section', section, lang: language, text: after });
}
