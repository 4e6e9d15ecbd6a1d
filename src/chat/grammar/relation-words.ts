/**
 * The words of `relate [INC-a] INC-b [kind]` and `unrelate [INC-a] INC-b`. With one id it is the
 * other incident, the one acted on being the room's (or the only open one); with two, the first is
 * acted on, as every verb takes its id right after it.
 */
import { relationKinds } from '../../domain/relation.ts';
import { type Built, built, failed } from './built.ts';
import { blankToUndefined, canonical, firstWord, takeIncident } from './tokenize.ts';

/** `[INC-a] INC-b` then, for relate, a kind; a word that is no incident id is passed on as typed for the schema to reject. */
export function relationWords(verb: 'relate' | 'unrelate', text: string): Built {
  const first = takeIncident(text);
  const second = takeIncident(first.rest);
  const typed = firstWord(text);
  const [incident, related, rest] =
    second.incident !== undefined
      ? [first.incident, second.incident, second.rest]
      : first.incident !== undefined
        ? [undefined, first.incident, first.rest]
        : [undefined, blankToUndefined(typed.first), typed.rest];
  const { first: kind, rest: extra } = firstWord(rest);
  if (verb === 'unrelate') {
    return kind === '' ? built({ incident, related }) : failed(`unrelate takes one or two incident ids, like INC-3 (got "${rest.trim()}").`);
  }
  if (extra.trim() !== '') return failed(`relate takes one or two incident ids and a kind (got "${extra.trim()}" after "${kind}").`);
  return built({ incident, related, kind: kind === '' ? undefined : (canonical(kind, relationKinds) ?? kind) });
}
