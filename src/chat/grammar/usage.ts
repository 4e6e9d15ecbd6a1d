import { componentStates } from '../../domain/component.ts';
import { incidentStatuses } from '../../domain/incident.ts';
import { verbs, type Verb } from './commands.ts';

const forms: Record<Verb, string> = {
  declare: 'declare <title> [--sev 1-4] [--components "CRM, Core"]',
  note: 'note [INC-n] <text> [--at <time>]',
  status: `status [INC-n] <${incidentStatuses.join('|')}>`,
  public: 'public [INC-n] <status> <text>',
  approve: 'approve [INC-n] [D<k>]',
  reject: 'reject [INC-n] [D<k>] [reason]',
  commander: 'commander [INC-n] <user>',
  sev: 'sev [INC-n] <1-4>',
  components: 'components [INC-n] <name>=<state> …',
  impact: 'impact [INC-n] <start> [<end>]',
  resolve: 'resolve [INC-n] [text]',
  report: 'report [INC-n] <text>',
  summary: 'summary [INC-n]',
  timeline: 'timeline [INC-n]',
  deliveries: 'deliveries [INC-n]',
  list: 'list',
  channel: 'channel subscribe [--components "CRM, Core"] [--lang pt-BR] [--tz America/Sao_Paulo] | unsubscribe | list',
  maintenance: 'maintenance schedule <start> - <end> <title> [--components "CRM, Core"] | cancel M<k> | list',
  webhook: 'webhook add <https://…> [--components "CRM, Core"] | remove W<k>|<url> | rotate W<k> | list',
  help: 'help [verb]',
};

const meanings: Record<Verb, string> = {
  declare: 'Open a new incident; severity 1 is the worst.',
  note: 'Add a note to the timeline; --at dates it earlier (11:12, 2021-09-13 11:12 -03:00, 10 minutes ago).',
  status: 'Move the incident to another status.',
  public: 'Draft a public status-page update, to be approved before it is published.',
  approve: 'Approve a public update draft so it is published.',
  reject: 'Reject a public update draft, optionally saying why.',
  commander: 'Hand the incident commander role to someone (alice, @alice or a mention).',
  sev: 'Change the severity; 1 is the worst.',
  components: 'Set the state of affected components, e.g. CRM=degraded Core=ok.',
  impact: 'Record when customer impact started, and ended if it has.',
  resolve: 'Resolve the incident, optionally with a closing note.',
  report: 'Draft the public incident report (what happened, impact, what we did) once resolved, to be approved before it is published.',
  summary: 'Show where the incident stands.',
  timeline: 'Show the incident timeline.',
  deliveries: 'Show where each approved update went: status page and customer channels.',
  list: 'List the open incidents.',
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
