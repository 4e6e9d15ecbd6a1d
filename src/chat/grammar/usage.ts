import { componentStates } from '../../domain/component.ts';
import { incidentStatuses } from '../../domain/incident.ts';
import { reportSections } from '../../domain/report.ts';
import { relationKinds } from '../../domain/relation.ts';
import { verbs, type Verb } from './commands.ts';

const forms: Record<Verb, string> = {
  declare: 'declare <title> [--sev 1-4] [--components "CRM, Core"]',
  note: 'note [INC-n] <text> [--at <time>] [--key]',
  key: 'key [INC-n] #<entry>',
  unkey: 'unkey [INC-n] #<entry>',
  status: `status [INC-n] <${incidentStatuses.join('|')}>`,
  public: 'public [INC-n] <status> <text>',
  approve: 'approve [INC-n] [D<k>]',
  reject: 'reject [INC-n] [D<k>] [reason]',
  commander: 'commander [INC-n] <user>',
  role: 'role [INC-n] [<role> <user>|none]',
  sev: 'sev [INC-n] <1-4>',
  components: 'components [INC-n] <name>=<state> …',
  impact: 'impact [INC-n] <start> [<end>]',
  relate: `relate [INC-n] INC-m [${relationKinds.join('|')}]`,
  unrelate: 'unrelate [INC-n] INC-m',
  resolve: 'resolve [INC-n] [text]',
  snooze: 'snooze [INC-n] [30m|1h|1h30m]',
  report: `report [INC-n] | report [INC-n] preview [--lang pt-BR] | report [INC-n] <${reportSections.join('|')}> [--lang pt-BR] <text>`,
  followup: 'followup add [INC-n] <text> [--owner <user>] [--due <day>] [--public] | done F<k> | reopen F<k> | list [INC-n] [--open] [--mine]',
  summary: 'summary [INC-n]',
  timeline: 'timeline [INC-n]',
  deliveries: 'deliveries [INC-n]',
  list: 'list',
  metrics: 'metrics [--since 90d] [--component CRM]',
  channel: 'channel subscribe [--components "CRM, Core"] [--lang pt-BR] [--tz America/Sao_Paulo] | unsubscribe | list',
  maintenance: 'maintenance schedule <start> - <end> <title> [--components "CRM, Core"] | cancel M<k> | list',
  webhook: 'webhook add <https://…> [--components "CRM, Core"] | remove W<k>|<url> | rotate W<k> | list',
  help: 'help [verb]',
};

const meanings: Record<Verb, string> = {
  declare: 'Open a new incident; severity 1 is the worst.',
  note: 'Add a note to the timeline; --at dates it earlier (11:12, 2021-09-13 11:12 -03:00, 10 minutes ago); --key makes it a key moment of the report.',
  key: 'Mark a timeline entry as a key moment: the incident report names it under what we did.',
  unkey: 'Take a timeline entry out of the key moments.',
  status: 'Move the incident to another status.',
  public: 'Draft a public status-page update, to be approved before it is published.',
  approve: 'Approve a public update draft so it is published.',
  reject: 'Reject a public update draft, optionally saying why.',
  commander: 'Hand the incident commander role to someone (alice, @alice or a mention).',
  role: 'Show the incident’s roles, give one to someone (handing it over) or take it back: role communications @bob, role scribe none.',
  sev: 'Change the severity; 1 is the worst.',
  components: 'Set the state of affected components, e.g. CRM=degraded Core=ok.',
  impact: 'Record when customer impact started, and ended if it has.',
  relate:
    'Relate the incident to another: it is a recurrence of it, a duplicate of it, caused by it, or related (the default); relating again with another kind changes the kind.',
  unrelate: 'Take back a relation between the incident and another.',
  resolve: 'Resolve the incident, optionally with a closing note.',
  snooze: 'Hold back the reminders that the next public update is due (30 minutes unless told; at most 24h).',
  report: 'Once resolved, draft the incident report from the record in each page language, preview it, or write a section; approved like any update.',
  followup:
    'Record what is to be done after the incident, with an owner and a due day (2021-09-30, friday, in 3 days; overdue ones are flagged); --public names it in the incident report; list is across incidents without INC-n.',
  summary: 'Show where the incident stands.',
  timeline: 'Show the incident timeline.',
  deliveries: 'Show where each approved update went: status page and customer channels.',
  list: 'List the open incidents.',
  metrics:
    'Incident metrics: time to the first public update, to identified, monitoring and resolved, customer impact and public updates; median and 90th percentile by severity and component.',
  channel: 'Register this channel for customer updates (admins only).',
  maintenance: 'Announce maintenance on the status page (2026-12-01 02:00 - 04:00: a bare end time is on the start’s day), cancel it, or list it.',
  webhook:
    'Send approved public updates to an HTTPS endpoint, signed (Standard Webhooks); rotate gives a new secret, the old one signs 24 h more (admins only).',
  help: 'Show this help, or the usage of one verb.',
};

export function usageOf(verb: Verb): string {
  return `Usage: /incident ${forms[verb]}`;
}

/** The whole language on one screen: every form, what it does, and the shared conventions. */
export function helpText(): string {
  return [
    'Commands (the leading /incident is optional):',
    ...verbs.map((verb) => `/incident ${forms[verb]}\n    ${meanings[verb]}`),
    'INC-n names the incident; without it, the only open incident or this room’s is meant.',
    `Component states: ${componentStates.join(', ')} (or ok, degraded, partial, outage, maintenance).`,
  ].join('\n');
}
