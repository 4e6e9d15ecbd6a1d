import { CrisisError } from '../domain/errors.ts';
import { failureText } from '../domain/failures.ts';
import type { Ctx } from '../services/context.ts';
import { readingZone } from '../services/reading-zone.ts';
import { addNote } from '../services/incident/add-note.ts';
import { cancelMaintenance } from '../services/maintenance/cancel-maintenance.ts';
import { approveDraft } from '../services/draft/approve-draft.ts';
import { changeCommander } from '../services/incident/change-commander.ts';
import { changeSeverity } from '../services/incident/change-severity.ts';
import { changeStatus } from '../services/incident/change-status.ts';
import { declareIncident } from '../services/incident/declare-incident.ts';
import { markKeyMoment } from '../services/incident/key-moments.ts';
import { draftReport, previewReport, setReportSection } from '../services/report/report-drafts.ts';
import { draftPublicUpdate } from '../services/draft/draft-public-update.ts';
import { listMaintenances } from '../services/maintenance/list-maintenances.ts';
import { getBriefing, getTimeline, listIncidents } from '../services/queries.ts';
import { rejectDraft } from '../services/draft/reject-draft.ts';
import { resolveIncident } from '../services/incident/resolve-incident.ts';
import { scheduleMaintenance } from '../services/maintenance/schedule-maintenance.ts';
import { setComponents } from '../services/incident/set-components.ts';
import { setImpact } from '../services/incident/set-impact.ts';
import { relateIncident, unrelateIncident } from '../services/incident/relate-incidents.ts';
import type { Command, CommandOf } from './grammar/commands.ts';
import { parseCommand } from './grammar/parse.ts';
import { helpText, usageOf } from './grammar/usage.ts';
import * as say from './render/replies.ts';
import { renderBriefing } from './render/briefing.ts';
import { renderDeliveries } from './render/deliveries.ts';
import { keyMomentMarked, reportDrafted, reportPreview, reportSectionWritten } from './render/report.ts';
import { getDeliveries } from '../services/draft/get-deliveries.ts';
import { maintenanceCancelled, maintenanceScheduled, renderMaintenanceList } from './render/maintenance.ts';
import { renderIncidentList, renderTimeline } from './render/timeline.ts';
import { renderWebhookList, webhookAdded, webhookRemoved, webhookRotated } from './render/webhooks.ts';
import { addWebhook, listWebhooks, removeWebhook, rotateWebhookSecret } from '../services/webhook/webhooks.ts';
import { addFollowUp, completeFollowUp, reopenFollowUp } from '../services/followup/follow-ups.ts';
import { listFollowUps } from '../services/followup/list-follow-ups.ts';
import { followUpAdded, followUpDone, followUpReopened, renderFollowUpList } from './render/follow-ups.ts';
import { incidentMetrics } from '../services/metrics/incident-metrics.ts';
import { renderMetrics } from './render/metrics.ts';
import { assignRole, listRoles } from '../services/incident/assign-role.ts';
import { snoozeCadence } from '../services/cadence/snooze.ts';
import { renderRoles, roleAssigned, snoozed } from './render/roles.ts';

export interface ChatRequest {
  ctx: Ctx;
  /** Turns a user as typed (name, @name, platform mention) into the platform's id and display name. */
  resolveUser(token: string): Promise<{ id: string; name: string }>;
  log(message: string, error: unknown): void;
  /** Customer-channel registration, for platforms whose channels customers follow. */
  channel?(command: CommandOf<'channel'>): Promise<string>;
}

/** Runs one `/incident …` line for any platform and answers in plain text. */
export async function handleCommand(request: ChatRequest, line: string): Promise<string> {
  const parsed = parseCommand(line);
  if (!parsed.ok) return parsed.usage ? `${parsed.error}\n${parsed.usage}` : parsed.error;
  try {
    return await run(request, parsed.command);
  } catch (error) {
    if (error instanceof CrisisError && error.code === 'invalid_input' && parsed.command.verb !== 'help')
      return `${error.message}\n${usageOf(parsed.command.verb)}`;
    return failureText(error, request.log, `command failed: ${parsed.command.verb}`);
  }
}

async function run(request: ChatRequest, command: Command): Promise<string> {
  const { ctx, resolveUser, channel } = request;
  const zone = readingZone(ctx);
  switch (command.verb) {
    case 'declare':
      return say.declared(await declareIncident(ctx, command), zone);
    case 'note':
      return say.noted(await addNote(ctx, command), zone);
    case 'status':
      return say.statusChanged(await changeStatus(ctx, command));
    case 'public':
      return say.drafted(await draftPublicUpdate(ctx, command));
    case 'approve':
      return say.approved(await approveDraft(ctx, command));
    case 'reject':
      return say.rejected(await rejectDraft(ctx, command));
    case 'commander':
      return say.commanderChanged(await changeCommander(ctx, { incident: command.incident, user: await resolveUser(command.user) }));
    case 'role': {
      const { incident, role, person } = command;
      if (role === undefined) return renderRoles(await listRoles(ctx, { incident }));
      return roleAssigned(await assignRole(ctx, { incident, role, user: person ? await resolveUser(person) : null }));
    }
    case 'snooze':
      return snoozed(await snoozeCadence(ctx, command), zone);
    case 'sev':
      return say.severityChanged(await changeSeverity(ctx, command));
    case 'components':
      return say.componentsSet(await setComponents(ctx, command));
    case 'impact':
      return say.impactSet(await setImpact(ctx, command), zone);
    case 'relate':
      return say.related(await relateIncident(ctx, command));
    case 'unrelate':
      return say.unrelated(await unrelateIncident(ctx, command));
    case 'resolve':
      return say.resolved(await resolveIncident(ctx, command));
    case 'report':
      return report(ctx, command);
    case 'key':
    case 'unkey':
      return keyMomentMarked(await markKeyMoment(ctx, { incident: command.incident, entry: command.entry, key: command.verb === 'key' }));
    case 'followup':
      return followUp(request, command, zone);
    case 'summary':
      return renderBriefing(await getBriefing(ctx, command), zone);
    case 'timeline':
      return renderTimeline(await getTimeline(ctx, command), zone);
    case 'deliveries':
      return renderDeliveries(await getDeliveries(ctx, command), zone);
    case 'list':
      return renderIncidentList(await listIncidents(ctx), zone);
    case 'metrics':
      return renderMetrics(await incidentMetrics(ctx, { sinceMs: command.since, component: command.component, zone }), command.since);
    case 'channel':
      return channel ? channel(command) : 'The channel command is available in Slack and Teams channels.';
    case 'maintenance':
      return maintenance(ctx, command, zone);
    case 'webhook':
      return webhook(ctx, command, zone);
    case 'help':
      return command.topic ? usageOf(command.topic) : helpText();
  }
}

async function report(ctx: Ctx, command: CommandOf<'report'>): Promise<string> {
  switch (command.action) {
    case 'draft':
      return reportDrafted(await draftReport(ctx, command));
    case 'preview':
      return reportPreview(await previewReport(ctx, command));
    case 'section':
      return reportSectionWritten(await setReportSection(ctx, command));
  }
}

async function maintenance(ctx: Ctx, command: CommandOf<'maintenance'>, zone: string): Promise<string> {
  switch (command.action) {
    case 'schedule':
      return maintenanceScheduled(await scheduleMaintenance(ctx, command), zone);
    case 'cancel':
      return maintenanceCancelled(await cancelMaintenance(ctx, command), zone);
    case 'list':
      return renderMaintenanceList(await listMaintenances(ctx), zone);
  }
}

async function webhook(ctx: Ctx, command: CommandOf<'webhook'>, zone: string): Promise<string> {
  switch (command.action) {
    case 'add':
      return webhookAdded(await addWebhook(ctx, { url: command.url, components: command.components ?? [] }));
    case 'remove':
      return webhookRemoved(await removeWebhook(ctx, { endpoint: command.webhook }));
    case 'rotate':
      return webhookRotated(await rotateWebhookSecret(ctx, { endpoint: command.webhook }), zone);
    case 'list':
      return renderWebhookList(await listWebhooks(ctx), zone);
  }
}

async function followUp({ ctx, resolveUser }: ChatRequest, command: CommandOf<'followup'>, zone: string): Promise<string> {
  switch (command.action) {
    case 'add': {
      const owner = command.owner === undefined ? undefined : await resolveUser(command.owner);
      return followUpAdded(await addFollowUp(ctx, { ...command, owner }), ctx.clock.now(), zone);
    }
    case 'done':
      return followUpDone(await completeFollowUp(ctx, command));
    case 'reopen':
      return followUpReopened(await reopenFollowUp(ctx, command));
    case 'list':
      return renderFollowUpList(await listFollowUps(ctx, command), zone);
  }
}
