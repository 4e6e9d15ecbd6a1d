/**
 * The commands of the chat language as data. The parser turns a line into one of these; the console,
 * Slack and Teams adapters act on them. The schemas are the contract: whatever the parser builds is
 * checked against them, so a Command that exists is a valid one.
 */
import { z } from 'zod';
import { ComponentState } from '../../domain/component.ts';
import { IncidentStatus } from '../../domain/incident.ts';
import { keptAsTyped, type TextShape } from '../../domain/text.ts';
import { Language } from '../../i18n/languages.ts';
import { isValidTimeZone } from '../../time/format.ts';

export const verbs = [
  'declare',
  'note',
  'status',
  'public',
  'approve',
  'reject',
  'commander',
  'sev',
  'components',
  'impact',
  'resolve',
  'report',
  'summary',
  'timeline',
  'deliveries',
  'list',
  'channel',
  'maintenance',
  'webhook',
  'help',
] as const;
export const Verb = z.enum(verbs);
export type Verb = z.infer<typeof Verb>;

/** What channel does to the channel it is typed in: start customer updates there, stop them, or list them. */
export const channelActions = ['subscribe', 'unsubscribe', 'list'] as const;
/** Maintenance announced on the status page: announce one, take one back, or list them. */
export const maintenanceActions = ['schedule', 'cancel', 'list'] as const;
/** Webhook endpoints that receive approved updates: register one, drop one, give one a new secret, or list them. */
export const webhookActions = ['add', 'remove', 'rotate', 'list'] as const;
/** The verbs said with an action word after them, and their actions. */
export const actionsOf: Partial<Record<Verb, readonly string[]>> = { channel: channelActions, maintenance: maintenanceActions, webhook: webhookActions };

export const titleLimit = 200;
export const textLimit = 4000;
/** Longer than any webhook URL in real use, short enough to list. */
const urlLimit = 2000;
/** An incident report runs to several paragraphs (what happened, impact, what we did, where we are now). */
const reportLimit = 20_000;
/** Impact text is a time or two ("14:05 15:30"); anything longer is a paste gone wrong. */
const impactLimit = 200;
/** A maintenance window is two times, like impact text. */
const windowLimit = 200;

/** Trimmed before the length checks so that text of only whitespace counts as missing. */
function text(limit: number) {
  return z.string().trim().min(1).max(limit);
}

/** Free text, kept exactly as typed or refused by the text rule (src/domain/text.ts) with its reason. */
function typedText(limit: number, field: string, shape: TextShape) {
  return text(limit).superRefine(keptAsTyped(field, shape));
}

const IncidentNumber = z.int().positive();
const DraftNumber = z.int().positive();
const MaintenanceNumber = z.int().positive();
const SeverityLevel = z.literal([1, 2, 3, 4]);
const ComponentName = z.string().trim().min(1);
/** An IANA name such as America/Sao_Paulo, kept as written. */
const TimeZone = z.string().trim().refine(isValidTimeZone);

/**
 * A plain name (alice; an e-mail address passes too) or a Slack mention such as <@U123ABC> or
 * <@U123ABC|alice>, which the adapter resolves to a person.
 */
const User = z.string().regex(/^(?:<@[A-Z0-9]+(?:\|[^<>]+)?>|[^\s<>@][^\s<>]*)$/i);

const DeclareCommand = z.object({
  verb: z.literal('declare'),
  title: typedText(titleLimit, 'title', 'line'),
  severity: SeverityLevel.optional(),
  components: z.array(ComponentName).min(1).optional(),
});

/** `at` back-dates the note to a time as typed ("11:12", "10 minutes ago"); the service reads it. */
const NoteCommand = z.object({
  verb: z.literal('note'),
  incident: IncidentNumber.optional(),
  text: typedText(textLimit, 'note', 'prose'),
  at: text(impactLimit).optional(),
});

const StatusCommand = z.object({
  verb: z.literal('status'),
  incident: IncidentNumber.optional(),
  status: IncidentStatus,
});

const PublicCommand = z.object({
  verb: z.literal('public'),
  incident: IncidentNumber.optional(),
  status: IncidentStatus,
  text: typedText(textLimit, 'public update', 'prose'),
});

const ApproveCommand = z.object({
  verb: z.literal('approve'),
  incident: IncidentNumber.optional(),
  draft: DraftNumber.optional(),
});

const RejectCommand = z.object({
  verb: z.literal('reject'),
  incident: IncidentNumber.optional(),
  draft: DraftNumber.optional(),
  reason: typedText(textLimit, 'reason', 'line').optional(),
});

const CommanderCommand = z.object({
  verb: z.literal('commander'),
  incident: IncidentNumber.optional(),
  user: User,
});

const SevCommand = z.object({
  verb: z.literal('sev'),
  incident: IncidentNumber.optional(),
  severity: SeverityLevel,
});

const ComponentsCommand = z.object({
  verb: z.literal('components'),
  incident: IncidentNumber.optional(),
  changes: z.array(z.object({ name: ComponentName, state: ComponentState })).min(1),
});

const ImpactCommand = z.object({
  verb: z.literal('impact'),
  incident: IncidentNumber.optional(),
  text: text(impactLimit),
});

const ResolveCommand = z.object({
  verb: z.literal('resolve'),
  incident: IncidentNumber.optional(),
  text: typedText(textLimit, 'public update', 'prose').optional(),
});

/** The incident report (postmortem): its newlines are kept, so paragraphs survive to the status page. */
const ReportCommand = z.object({
  verb: z.literal('report'),
  incident: IncidentNumber.optional(),
  text: typedText(reportLimit, 'incident report', 'prose'),
});

const SummaryCommand = z.object({
  verb: z.literal('summary'),
  incident: IncidentNumber.optional(),
});

const TimelineCommand = z.object({
  verb: z.literal('timeline'),
  incident: IncidentNumber.optional(),
});

const DeliveriesCommand = z.object({
  verb: z.literal('deliveries'),
  incident: IncidentNumber.optional(),
});

const ListCommand = z.object({ verb: z.literal('list') });

/** Customer updates in this channel: not about one incident, so no incident id. */
const ChannelCommand = z.discriminatedUnion('action', [
  z.object({
    verb: z.literal('channel'),
    action: z.literal('subscribe'),
    components: z.array(ComponentName).min(1).optional(),
    lang: Language.optional(),
    timeZone: TimeZone.optional(),
  }),
  z.object({ verb: z.literal('channel'), action: z.literal('unsubscribe') }),
  z.object({ verb: z.literal('channel'), action: z.literal('list') }),
]);

/**
 * Maintenance on the status page: about no incident. `window` is the start and the end as typed,
 * joined by " to "; reading them as instants is the service's (against its clock, in the person's zone).
 */
const MaintenanceCommand = z.discriminatedUnion('action', [
  z.object({
    verb: z.literal('maintenance'),
    action: z.literal('schedule'),
    window: text(windowLimit),
    title: typedText(titleLimit, 'maintenance title', 'line'),
    components: z.array(ComponentName).min(1).optional(),
  }),
  z.object({ verb: z.literal('maintenance'), action: z.literal('cancel'), id: MaintenanceNumber }),
  z.object({ verb: z.literal('maintenance'), action: z.literal('list') }),
]);

const WebhookNumber = z.int().positive();
/** Only its shape here; whether crisisroom may reach it is the service's check (https, public address). */
const WebhookUrl = z.url({ protocol: /^https?$/ }).max(urlLimit);

/** Webhook endpoints: about no incident. A webhook is named by its number (W3) or, to remove it, its URL. */
const WebhookCommand = z.discriminatedUnion('action', [
  z.object({ verb: z.literal('webhook'), action: z.literal('add'), url: WebhookUrl, components: z.array(ComponentName).min(1).optional() }),
  z.object({ verb: z.literal('webhook'), action: z.literal('remove'), webhook: z.union([WebhookNumber, WebhookUrl]) }),
  z.object({ verb: z.literal('webhook'), action: z.literal('rotate'), webhook: WebhookNumber }),
  z.object({ verb: z.literal('webhook'), action: z.literal('list') }),
]);

const HelpCommand = z.object({
  verb: z.literal('help'),
  topic: Verb.optional(),
});

export const Command = z.discriminatedUnion('verb', [
  DeclareCommand,
  NoteCommand,
  StatusCommand,
  PublicCommand,
  ApproveCommand,
  RejectCommand,
  CommanderCommand,
  SevCommand,
  ComponentsCommand,
  ImpactCommand,
  ResolveCommand,
  ReportCommand,
  SummaryCommand,
  TimelineCommand,
  DeliveriesCommand,
  ListCommand,
  ChannelCommand,
  MaintenanceCommand,
  WebhookCommand,
  HelpCommand,
]);
export type Command = z.infer<typeof Command>;
export type CommandOf<V extends Verb> = Extract<Command, { verb: V }>;
