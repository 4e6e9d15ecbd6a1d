/**
 * Reads one line of the chat language (console, Slack or Teams) into a Command. Each verb's builder
 * only shapes the words into fields; the Command schema then decides whether they are valid, and
 * its first complaint becomes the error shown to the user.
 */
import { incidentStatuses } from '../../domain/incident.ts';
import { isTextIssue } from '../../domain/text.ts';
import { languages } from '../../i18n/languages.ts';
import { actionsOf, channelActions, Command, maintenanceActions, verbs, type Verb } from './commands.ts';
import { componentChanges } from './component-changes.ts';
import { splitWindow } from './maintenance-window.ts';
import { relationWords } from './relation-words.ts';
import { entryOf, reportWords } from './report-words.ts';
import { type Built, built, type Fields, failed } from './built.ts';
import { webhookWords } from './webhook-words.ts';
import { followUpWords } from './followup-words.ts';
import { metricsWords } from './metrics-words.ts';
import { roleWords, snoozeWords } from './role-words.ts';
import { explain, wordList } from './messages.ts';
import {
  blankToUndefined,
  canonical,
  draftOf,
  firstWord,
  isDraftId,
  maintenanceOf,
  nameList,
  numberOr,
  splitFlags,
  splitVerb,
  takeIncident,
  trimQuotes,
  type Flag,
} from './tokenize.ts';
import { usageOf } from './usage.ts';

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; usage?: string };

type Builder = (text: string, flags: ReadonlyMap<string, string>) => Built;

/** The flags each command takes, by verb, or by verb and action for channel and maintenance. */
const flagsOf: Partial<Record<string, readonly string[]>> = {
  declare: ['sev', 'components'],
  note: ['at', 'key'],
  'channel subscribe': ['components', 'lang', 'tz'],
  'maintenance schedule': ['components'],
  'webhook add': ['components'],
  'followup add': ['owner', 'due', 'public'],
  'followup list': ['open', 'mine'],
  metrics: ['since', 'component'],
};

/**
 * Flags said alone, like `--key`: they take no value, so the words after one go on with the free
 * text (`note --key isolated the server` is the note "isolated the server", marked key).
 */
const switches: readonly string[] = ['key', 'public', 'open', 'mine'];

/** Gives each switch's words back to the free text, in the order they were typed. */
function withSwitches(split: { text: string; flags: Flag[] }): { text: string; flags: Flag[] } {
  let text = split.text;
  const flags = split.flags.map((flag) => {
    if (!switches.includes(flag.name)) return flag;
    if (flag.value.trim() !== '') text = text.trim() === '' ? flag.value : `${text.trimEnd()} ${flag.value.trimStart()}`;
    return { name: flag.name, value: 'yes' };
  });
  return { text, flags };
}

/** Verbs that never act on one existing incident, so a leading INC-n means nothing to them. */
const withoutIncident: readonly Verb[] = ['declare', 'list', 'metrics', 'channel', 'maintenance', 'webhook', 'help'];

/** Verbs that may name two incidents (`relate INC-9 INC-3`): their builder reads both ids (relation-words.ts). */
const twoIncidents: readonly Verb[] = ['relate', 'unrelate'];

/** Verbs whose incident id comes after their action (`followup add INC-3 …`): their builder reads it (followup-words.ts). */
const incidentAfterAction: readonly Verb[] = ['followup'];

/**
 * Verbs whose text is prose pasted whole: a report may well contain "--" or a dash before a word,
 * which must stay text rather than be read as a flag.
 */
const withoutFlags: readonly Verb[] = ['report'];

function statusOf(word: string): string | undefined {
  const status = word.trim();
  return status === '' ? undefined : (canonical(status, incidentStatuses) ?? status);
}

/** `what` names the command in the error: the verb, or the verb and its action. */
function nothingMore(verb: Verb, text: string, what: string = verb): Built {
  const extra = text.trim();
  if (extra === '') return built({});
  return failed(
    withoutIncident.includes(verb)
      ? `${what} takes nothing after it (got "${extra}").`
      : `${what} takes nothing but an incident id, like INC-7 (got "${extra}").`,
  );
}

/**
 * Whose flags these are: the verb's, or for a verb with actions its action's, so that `channel list
 * --lang en` is told that list takes none. Undefined while the action is unknown: that is the error to show.
 */
function flagOwner(verb: Verb, text: string): string | undefined {
  const actions = actionsOf[verb];
  if (actions === undefined) return verb;
  const action = canonical(firstWord(text).first, actions);
  return action === undefined ? undefined : `${verb} ${action}`;
}

function flagProblem(verb: Verb, text: string, flags: readonly Flag[]): string | undefined {
  const owner = flagOwner(verb, text);
  if (owner === undefined) return undefined;
  const allowed = flagsOf[owner] ?? [];
  const seen = new Set<string>();
  for (const { name, value } of flags) {
    if (allowed.length === 0) return `${owner} takes no flags (got --${name}).`;
    if (!allowed.includes(name)) {
      const names = allowed.map((flag) => `--${flag}`);
      return `Unknown flag --${name} for ${owner} (it takes ${wordList(names, 'and')}).`;
    }
    if (seen.has(name)) return `--${name} is given twice.`;
    if (trimQuotes(value) === '') return `--${name} needs a value.`;
    seen.add(name);
  }
  return undefined;
}

/** channel subscribe is said in flags alone; words after it are most likely a list missing its --components. */
function subscription(text: string, flags: ReadonlyMap<string, string>): Built {
  const extra = text.trim();
  if (extra !== '') return failed(`channel subscribe takes nothing but flags, like --lang pt-BR (got "${extra}").`);
  const components = flags.get('components');
  const lang = flags.get('lang');
  const timeZone = flags.get('tz');
  return built({
    action: 'subscribe',
    components: components === undefined ? undefined : nameList(components),
    lang: lang === undefined ? undefined : (canonical(trimQuotes(lang), languages) ?? trimQuotes(lang)),
    timeZone: timeZone === undefined ? undefined : trimQuotes(timeZone),
  });
}

/** The window and the title are found by splitWindow; the times themselves are read by the service. */
function scheduling(text: string, flags: ReadonlyMap<string, string>): Built {
  const split = splitWindow(text);
  if (!split.ok) return failed(split.error);
  const components = flags.get('components');
  return built({
    action: 'schedule',
    window: split.window,
    title: split.title,
    components: components === undefined ? undefined : nameList(components),
  });
}

function cancelling(text: string): Built {
  const { first, rest } = firstWord(text);
  if (rest.trim() !== '') return failed(`maintenance cancel takes one maintenance id, like M3 (got "${text.trim()}").`);
  return built({ action: 'cancel', id: first === '' ? undefined : maintenanceOf(first) });
}

const builders: Record<Verb, Builder> = {
  declare: (title, flags) => {
    const severity = flags.get('sev');
    const components = flags.get('components');
    return built({
      title,
      severity: severity === undefined ? undefined : numberOr(trimQuotes(severity)),
      components: components === undefined ? undefined : nameList(components),
    });
  },
  note: (text, flags) => {
    const at = flags.get('at');
    return built({ text, at: at === undefined ? undefined : trimQuotes(at), key: flags.has('key') ? true : undefined });
  },
  status: (text) => built({ status: statusOf(text) }),
  public: (text) => {
    const { first, rest } = firstWord(text);
    return built({ status: statusOf(first), text: rest });
  },
  approve: (text) => {
    const { first, rest } = firstWord(text);
    if (rest.trim() !== '') {
      return failed(`approve takes at most an incident id and a draft id (got "${rest.trim()}").`);
    }
    return built({ draft: first === '' ? undefined : draftOf(first) });
  },
  // Only a word shaped like a draft id is taken as one; anything else starts the reason.
  reject: (text) => {
    const { first, rest } = firstWord(text);
    return isDraftId(first) ? built({ draft: draftOf(first), reason: blankToUndefined(rest) }) : built({ reason: blankToUndefined(text) });
  },
  commander: (text) => {
    const user = text.trim();
    return built({ user: user.startsWith('@') ? user.slice(1) : user });
  },
  sev: (text) => {
    const severity = text.trim();
    return built({ severity: severity === '' ? undefined : numberOr(severity) });
  },
  components: (text) => {
    const parsed = componentChanges(text);
    return parsed.ok ? built({ changes: parsed.changes }) : failed(parsed.error);
  },
  impact: (text) => built({ text }),
  relate: (text) => relationWords('relate', text),
  unrelate: (text) => relationWords('unrelate', text),
  resolve: (text) => built({ text: blankToUndefined(text) }),
  report: reportWords,
  key: (text) => entryOf('key', text),
  unkey: (text) => entryOf('unkey', text),
  summary: (text) => nothingMore('summary', text),
  timeline: (text) => nothingMore('timeline', text),
  deliveries: (text) => nothingMore('deliveries', text),
  list: (text) => nothingMore('list', text),
  metrics: metricsWords,
  role: roleWords,
  snooze: snoozeWords,
  // An action that is not known is passed on as typed for the schema to reject.
  channel: (text, flags) => {
    const { first, rest } = firstWord(text);
    const action = canonical(first, channelActions);
    if (action === 'subscribe') return subscription(rest, flags);
    if (action === undefined) return built({ action: first === '' ? undefined : first });
    const more = nothingMore('channel', rest, `channel ${action}`);
    return more.ok ? built({ action }) : more;
  },
  maintenance: (text, flags) => {
    const { first, rest } = firstWord(text);
    const action = canonical(first, maintenanceActions);
    if (action === 'schedule') return scheduling(rest, flags);
    if (action === 'cancel') return cancelling(rest);
    if (action === undefined) return built({ action: first === '' ? undefined : first });
    const more = nothingMore('maintenance', rest, `maintenance ${action}`);
    return more.ok ? built({ action }) : more;
  },
  webhook: webhookWords,
  followup: followUpWords,
  help: (text) => {
    const topic = text.trim();
    return built({ topic: topic === '' ? undefined : (canonical(topic, verbs) ?? topic) });
  },
};

/** Zod keeps a key whose value is undefined; a command should not carry keys for what was not said. */
function definedOnly(fields: Fields): Fields {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** The fields a verb's words make, the incident id included for verbs that take one. */
function fieldsOf(verb: Verb, text: string, flags: readonly Flag[]): Built {
  const values = new Map(flags.map(({ name, value }) => [name, value]));
  if ([...withoutIncident, ...twoIncidents, ...incidentAfterAction].includes(verb)) return builders[verb](text, values);
  const { incident, rest } = takeIncident(text);
  const result = builders[verb](rest, values);
  return result.ok ? built({ incident, ...result.fields }) : result;
}

export function parseCommand(line: string): ParseResult {
  const { verb: typed, rest } = splitVerb(line);
  if (typed === undefined) return { ok: true, command: { verb: 'help' } };
  const verb = canonical(typed, verbs);
  if (verb === undefined) return { ok: false, error: `Unknown verb "${typed}". Verbs: ${verbs.join(', ')}.` };

  const usage = usageOf(verb);
  const { text, flags } = withoutFlags.includes(verb) ? { text: rest, flags: [] } : withSwitches(splitFlags(rest));
  const flagError = flagProblem(verb, text, flags);
  if (flagError !== undefined) return { ok: false, error: flagError, usage };

  const fields = fieldsOf(verb, text, flags);
  if (!fields.ok) return { ok: false, error: fields.error, usage };
  const candidate = { verb, ...definedOnly(fields.fields) };
  const result = Command.safeParse(candidate);
  if (result.success) return { ok: true, command: result.data };
  const [issue] = result.error.issues;
  // A character the text rule refuses is no misuse of the command: its sentence says all, without the usage.
  if (issue && isTextIssue(issue)) return { ok: false, error: issue.message };
  return { ok: false, error: issue ? explain(verb, issue, candidate) : `That ${verb} command is not valid.`, usage };
}
