/**
 * Turns the first problem zod finds in a command into one sentence a person in the middle of an
 * incident can act on: what was wrong, quoting what they typed.
 */
import type { z } from 'zod';
import { componentStates } from '../../domain/component.ts';
import { incidentStatuses } from '../../domain/incident.ts';
import { relationKinds } from '../../domain/relation.ts';
import { languages } from '../../i18n/languages.ts';
import { actionsOf, verbs, type Verb } from './commands.ts';

type Issue = z.core.$ZodIssue;

const missingText: Partial<Record<Verb, string>> = {
  declare: 'An incident needs a title.',
  note: 'A note needs text.',
  public: 'A public update needs text.',
  report: 'A report section needs text.',
  followup: 'A follow-up needs text, like: followup add Alert on queue depth --owner @alice --due friday.',
  impact: 'An impact needs a start time, and an end time once it is over.',
  maintenance: 'A maintenance needs a title after its window, like: maintenance schedule 2026-12-01 02:00 - 04:00 Database upgrade.',
};

/** ["a", "b", "c"] → "a, b or c". */
export function wordList(words: readonly string[], conjunction: 'and' | 'or'): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} ${conjunction} ${words.at(-1)}`;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((current, key) => (typeof current === 'object' && current !== null ? Reflect.get(current, key) : undefined), value);
}

/** What the user gave as text, or undefined when they gave nothing (or only whitespace). */
function given(value: unknown): string | undefined {
  const text = value === undefined ? '' : String(value).trim();
  return text === '' ? undefined : text;
}

function tooLong(what: string, value: unknown, issue: Issue): string | undefined {
  if (issue.code !== 'too_big') return undefined;
  return `The ${what} is ${String(value).trim().length} characters long; the limit is ${issue.maximum}.`;
}

function textProblem(verb: Verb, field: string, value: unknown, issue: Issue): string {
  return tooLong(field, value, issue) ?? missingText[verb] ?? `The ${field} cannot be blank.`;
}

function changesProblem(issue: Issue, candidate: object): string {
  const [, index, part] = issue.path;
  if (index === undefined) return 'Give at least one <name>=<state> pair, like CRM=degraded.';
  if (part === 'name') return 'A component name cannot be blank.';
  const name = given(valueAt(candidate, ['changes', index, 'name']));
  const state = String(valueAt(candidate, issue.path));
  return `Unknown state "${state}" for "${name}": use ${wordList(componentStates, 'or')}.`;
}

function urlProblem(typed: string | undefined): string {
  if (typed === undefined) return "Give the endpoint's URL, like https://hooks.example.com/crisisroom.";
  if (URL.canParse(typed)) return `Webhook URLs must start with https:// (got "${typed}").`;
  return `"${typed}" is not a web address: give the full URL, like https://hooks.example.com/crisisroom.`;
}

export function explain(verb: Verb, issue: Issue, candidate: object): string {
  const field = String(issue.path[0]);
  const value = valueAt(candidate, issue.path);
  const typed = given(value);
  switch (field) {
    case 'title':
    case 'text':
    case 'reason':
      return textProblem(verb, field, value, issue);
    case 'severity':
      return typed === undefined ? 'Give a severity: a whole number from 1 to 4.' : `Severity must be a whole number from 1 to 4 (got "${typed}").`;
    case 'status':
      return typed === undefined
        ? `Give a status: ${wordList(incidentStatuses, 'or')}.`
        : `Unknown status "${typed}": use ${wordList(incidentStatuses, 'or')}.`;
    case 'incident':
      return `Incident ids look like INC-7 (got "${typed}").`;
    case 'draft':
      return `Draft ids look like D3 (got "${typed}").`;
    case 'related':
      return typed === undefined ? `Say which incident, like: ${verb} INC-3.` : `Incident ids look like INC-7 (got "${typed}").`;
    case 'kind':
      return `Unknown kind "${typed}": use ${wordList(relationKinds, 'or')}.`;
    case 'user':
      return typed === undefined
        ? 'Say who the new commander is, like @alice.'
        : `A commander is one user, like alice, @alice or a Slack mention (got "${typed}").`;
    case 'changes':
      return changesProblem(issue, candidate);
    case 'components':
      return '--components needs at least one component name.';
    case 'action': {
      const actions = wordList(actionsOf[verb] ?? [], 'or');
      return typed === undefined ? `${verb} needs ${actions}.` : `${verb} needs ${actions} (got "${typed}").`;
    }
    case 'id':
      return typed === undefined
        ? 'Say which maintenance to cancel, like M3 (see /incident maintenance list).'
        : `Maintenance ids look like M3 or MNT-3 (got "${typed}").`;
    case 'at':
      return tooLong('time after --at', value, issue) ?? 'Give the time after --at, like 11:12 or 10 minutes ago.';
    case 'window':
      return tooLong('window', value, issue) ?? 'Give the window, like 2026-12-01 02:00 - 04:00.';
    case 'url':
      return tooLong('URL', value, issue) ?? urlProblem(typed);
    case 'webhook':
      return typed === undefined
        ? 'Say which webhook, like W3 (see /incident webhook list).'
        : `Name a webhook by its id, like W3${valueAt(candidate, ['action']) === 'remove' ? ', or by its full URL' : ''} (got "${typed}").`;
    case 'followUp':
      return typed === undefined ? 'Say which follow-up, like F3 (see /incident followup list).' : `Follow-up ids look like F3 (got "${typed}").`;
    case 'owner':
      return `An owner is one user, like alice, @alice or a Slack mention (got "${typed}").`;
    case 'person':
      return `Give the role to one user, like alice, @alice or a Slack mention, or none (got "${typed}").`;
    case 'role':
      return `Roles are named by one word, like communications or scribe (got "${typed}").`;
    case 'minutes':
      return 'Snooze for 1 minute to 24 hours, like 30m, 1h or 1h30m.';
    case 'due':
      return tooLong('day after --due', value, issue) ?? 'Give the day after --due, like 2021-09-30, friday or in 3 days.';
    case 'lang':
      return `Unknown language "${typed}": use ${wordList(languages, 'or')}.`;
    case 'since':
      return issue.message;
    case 'component':
      return '--component needs a component name, like CRM.';
    case 'timeZone':
      return `Unknown time zone "${typed}": use an IANA zone such as America/Sao_Paulo.`;
    case 'topic':
      return `No help for "${typed}". Verbs: ${verbs.join(', ')}.`;
    default:
      return `Something in that ${verb} command is not valid (${issue.path.map(String).join('.')}).`;
  }
}
