/**
 * The words of `followup add [INC-n] <text> [--owner <user>] [--due <day>] [--public]`,
 * `followup done F3`, `followup reopen F3` and `followup list [INC-n] [--open] [--mine]`. Values that
 * cannot be understood are passed on as typed, for the schema to reject with the user's own words quoted.
 */
import { type Built, built, failed } from './built.ts';
import { followUpActions } from './followup-command.ts';
import { canonical, firstWord, numberOr, takeIncident, trimQuotes } from './tokenize.ts';

/** F3 or 3 → 3; anything else stays as typed. */
function followUpOf(word: string): number | string {
  const digits = /^#?f?(\d+)$/i.exec(word)?.[1];
  return digits === undefined ? word : numberOr(digits, word);
}

/** `--owner @alice` names alice, as `commander @alice` does; the adapter resolves who that is. */
function ownerOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const owner = trimQuotes(value);
  return owner.startsWith('@') ? owner.slice(1) : owner;
}

export function followUpWords(text: string, flags: ReadonlyMap<string, string>): Built {
  const { first, rest } = firstWord(text);
  const action = canonical(first, followUpActions);
  switch (action) {
    case undefined:
      return built({ action: first === '' ? undefined : first });
    case 'add': {
      const { incident, rest: words } = takeIncident(rest);
      const due = flags.get('due');
      return built({
        action,
        incident,
        text: words,
        owner: ownerOf(flags.get('owner')),
        due: due === undefined ? undefined : trimQuotes(due),
        public: flags.has('public') ? true : undefined,
      });
    }
    case 'done':
    case 'reopen': {
      const { first: id, rest: extra } = firstWord(rest);
      if (extra.trim() !== '') return failed(`followup ${action} takes one follow-up id, like F3 (got "${rest.trim()}").`);
      return built({ action, followUp: id === '' ? undefined : followUpOf(id) });
    }
    case 'list': {
      const { incident, rest: extra } = takeIncident(rest);
      if (extra.trim() !== '') return failed(`followup list takes at most an incident id, like INC-7, and --open or --mine (got "${extra.trim()}").`);
      return built({ action, incident, open: flags.has('open') ? true : undefined, mine: flags.has('mine') ? true : undefined });
    }
  }
}
