/**
 * The commands of the chat language as data. The parser turns a line into one of these; the console,
 * Slack and Teams adapters act on them. The schemas are the contract: whatever the parser builds is
 * checked against them, so a Command that exists is a valid one.
 */
import { z } from 'zod';
import { ComponentState } from '../../domain/component.ts';
import { IncidentStatus } from '../../domain/incident.ts';
import { ReportSectionName, sectionLimit } from '../../domain/report.ts';
import { RelationKind } from '../../domain/relation.ts';
import { Language } from '../../i18n/languages.ts';
import { isValidTimeZone } from '../../time/format.ts';
import { IncidentNumber, text, typedText, User } from './fields.ts';
import { followUpActions, FollowUpCommand } from './followup-command.ts';
import { MetricsCommand } from './metrics-words.ts';
import { RoleCommand, SnoozeCommand } from './role-words.ts';

export const verbs = [
  'declare',
  'note',
  'key',
  'unkey',
  'status',
  'public',
  'approve',
  'reject',
  'commander',
  'role',
  'sev',
  'components',
  'impact',
  'relate',
  'unrelate',
  'resolve',
  'snooze',
  'report',
  'followup',
  'summary',
  'timeline',
  'deliveries',
  'list',
  'metrics',
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
export const actionsOf: Partial<Record<Verb, readonly string[]>> = {
  channel: channelActions,
  maintenance: maintenanceActions,
  webhook: webhookActions,
  followup: followUpActions,
};

export const titleLimit = 200;
export const textLimit = 4000;
/** Longer than any webhook URL in real use, short enough to list. */
const urlLimit = 2000;
/** Impact text is a time or two ("14:05 15:30"); anything longer is a paste gone wrong. */
const impactLimit = 200;
/** A maintenance window is two times, like impact text. */
const windowLimit = 200;

const DraftNumber = z.int().positive();
const MaintenanceNumber = z.int().positive();
const SeverityLevel = z.literal([1, 2, 3, 4]);
const ComponentName = z.string().trim().min(1);
/** An IANA name such as America/Sao_Paulo, kept as written. */
const TimeZone = z.string().trim().refine(isValidTimeZone);

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
  /** A key moment: the incident report's "what we did" is drafted from these. */
  key: z.literal(true).optional(),
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

/** "INC-9 is a <kind> of INC-3": `incident` is the one acted on (9), `related` the other (3). */
const RelateCommand = z.object({
  verb: z.literal('relate'),
  incident: IncidentNumber.optional(),
  related: IncidentNumber,
  kind: RelationKind.optional(),
});

const UnrelateCommand = z.object({
  verb: z.literal('unrelate'),
  incident: IncidentNumber.optional(),
  related: IncidentNumber,
});

const ResolveCommand = z.object({
  verb: z.literal('resolve'),
  incident: IncidentNumber.optional(),
  text: typedText(textLimit, 'public update', 'prose').optional(),
});

/**
 * The incident report: drafted from the record, previewed, or written section by section, in one of
 * the page's languages. A section's newlines are kept, so paragraphs survive to the status page.
 */
const ReportCommand = z.discriminatedUnion('action', [
  z.object({ verb: z.literal('report'), action: z.literal('draft'), incident: IncidentNumber.optional() }),
  z.object({ verb: z.literal('report'), action: z.literal('preview'), incident: IncidentNumber.optional(), lang: Language.optional() }),
  z.object({
    verb: z.literal('report'),
    action: z.literal('section'),
    incident: IncidentNumber.optional(),
    section: ReportSectionName,
    lang: Language.optional(),
    text: typedText(sectionLimit, 'report section', 'prose'),
  }),
]);

/** Marks an entry of the timeline (#7) as a key moment, or unmarks it: the report's "what we did" names the key moments. */
const KeyCommand = z.object({ verb: z.literal('key'), incident: IncidentNumber.optional(), entry: z.int().positive() });
const UnkeyCommand = z.object({ verb: z.literal('unkey'), incident: IncidentNumber.optional(), entry: z.int().positive() });

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
  KeyCommand,
  UnkeyCommand,
  StatusCommand,
  PublicCommand,
  ApproveCommand,
  RejectCommand,
  CommanderCommand,
  SevCommand,
  ComponentsCommand,
  ImpactCommand,
  RelateCommand,
  UnrelateCommand,
  ResolveCommand,
  ReportCommand,
  FollowUpCommand,
  SummaryCommand,
  TimelineCommand,
  DeliveriesCommand,
  ListCommand,
  MetricsCommand,
  RoleCommand,
  SnoozeCommand,
  ChannelCommand,
  MaintenanceCommand,
  WebhookCommand,
  HelpCommand,
]);
export type Command = z.infer<typeof Command>;
export type CommandOf<V extends Verb> = Extract<Command, { verb: V }>;
