import { PermanentDeliveryError } from '../../delivery/target.ts';
import { draftLabel, incidentId } from '../../domain/incident.ts';
import type { Job } from '../../db/stores/jobs.ts';
import { type RoomJobPayload, foldLaterEdits } from '../../services/room-work.ts';
import { cadenceReminderLines } from '../render/cadence.ts';
import { clockTrustNotice } from '../render/clock-trust.ts';
import { cadenceCard, cardPerson } from './cards/cadence-card.ts';
import type { Mention } from './mentions.ts';
import { cardAttachment, cardText } from './cards/card-text.ts';
import type { OutgoingMessage } from './connector-client.ts';
import { GraphError } from './graph.ts';
import { type Origin, originOf } from './origin.ts';
import { keyedCard } from './posted-updates.ts';
import { teamsRoomError } from './room-posts.ts';
import { overdueMessage, roleAddedMessage } from './room-members.ts';
import { createRoomOpening } from './room-opening.ts';
import { type TeamsRoomWorkDeps, approvalKey, createRoomTools, teamsUser } from './room-tools.ts';
import { teamsHtml } from './text.ts';

/**
 * Keeps Teams' crisis rooms in step with the core, as jobs recorded with the changes that cause
 * them (see services/room-work.ts): a channel for each declared incident (or, where Graph may not
 * create one, a thread in the incidents channel) with its people, a briefing card edited in place,
 * approval cards, a commander handed the incident brought in, and notices. Each step is safe to
 * repeat: a retry finds what an earlier attempt did (the channel by its name and description, a
 * post by its text or card key, a member in the roster) instead of doing it twice.
 */
export function createTeamsRoomWork(deps: TeamsRoomWorkDeps) {
  const { connector, graph, rooms } = deps;
  const tools = createRoomTools(deps);
  const { posts, retries, serviceUrl, inRoom, graphCall, teamsConfig, tellOrigin } = tools;
  const { openRoom } = createRoomOpening(tools);

  /** The briefing is edited in place (PUT), so the room's first post always shows the incident now. */
  async function refreshBriefing(incident: number): Promise<void> {
    const room = await rooms.roomOf(incident, 'teams');
    if (!room?.briefingMessageId) return;
    const { message } = await tools.briefing(incident);
    const channel = room.channelId.split(';')[0]!;
    await posts.send('updating the briefing', channel, () => connector.update(serviceUrl, channel, room.briefingMessageId!, message));
  }

  /**
   * Someone given a role later (the commander's, the communications lead's…) is brought into its
   * channel (a thread has no members of its own), and the room told. Graph answers a standard
   * channel's member list with the whole team, so there the person is found already in and nothing is added.
   */
  async function addPerson(event: { incidentId: number; personId: string; personName: string; title: string }, retry: boolean): Promise<void> {
    const { teamId } = teamsConfig();
    const room = await rooms.roomOf(event.incidentId, 'teams');
    const person = teamsUser(event.personId);
    if (!room || !teamId || !person || room.channelId.includes(';')) return;
    const name = event.personName;
    const inChannel = await graphCall(`reading the members of ${room.name}`, () => graph.channelMembers(teamId, room.channelId));
    if (inChannel.has(person) && !retry) return;
    if (!inChannel.has(person)) {
      const team = await graphCall('reading the team’s members', () => graph.teamMembers(teamId));
      if (!team.has(person))
        throw new PermanentDeliveryError(
          `${name} is not a member of the team, so Teams lets nobody add them to its channels: a team owner must add them to the team first`,
        );
      await graphCall(`adding ${name} to ${room.name}`, () =>
        graph.addChannelMember(teamId, room.channelId, person).catch((error: unknown) => {
          if (error instanceof GraphError && error.status === 409) return;
          if (error instanceof GraphError && error.status === 403)
            throw new PermanentDeliveryError(`Teams refused to add ${name} to ${room.name} (403 ${error.code}): a team owner can add them`);
          throw error;
        }),
      );
    }
    await posts.postOnce(`telling the room of its new ${event.title}`, inRoom(room.channelId), roleAddedMessage(person, name, event.title), {
      retry,
      since: room.createdAt,
    });
  }

  /** A draft's approval card as it stands now, for the conversation it is shown in. */
  async function approvalMessage(draftId: number, conversationId: string) {
    const { card, summary } = await deps.cards.cardOf(draftId, conversationId);
    return { summary, attachments: [cardAttachment(keyedCard(card, approvalKey(draftId)))] };
  }

  async function postCard(event: { incidentId: number; draftId: number }, origin: Origin | undefined, retry: boolean): Promise<void> {
    if (await rooms.cardOf(event.draftId, 'teams')) return;
    // A draft's card goes to the incident's room or, while it has none, to where the command was typed.
    const room = await rooms.roomOf(event.incidentId, 'teams');
    const target = room ? inRoom(room.channelId) : origin ? { serviceUrl: origin.serviceUrl, conversationId: origin.conversationId } : undefined;
    if (!target) return;
    const draft = await rooms.draft(event.draftId);
    const message = await approvalMessage(event.draftId, target.conversationId);
    const posted = await posts.postOnce('posting an approval card', target, message, { retry, since: draft.createdAt, cardKey: approvalKey(event.draftId) });
    await rooms.recordCard({ draftId: event.draftId, platform: 'teams', channelId: target.conversationId, messageId: posted });
  }

  async function refreshCard(draftId: number): Promise<void> {
    const existing = await rooms.cardOf(draftId, 'teams');
    if (!existing) return;
    const message = await approvalMessage(draftId, existing.channelId);
    await posts.send('updating an approval card', existing.channelId, () => connector.update(serviceUrl, existing.channelId, existing.messageId, message));
  }

  /** A notice in the incident's room, or with no incident in the operations channel, posted once. */
  async function notice(incident: number | null, text: string | OutgoingMessage, retry: boolean): Promise<void> {
    const room = incident === null ? null : await rooms.roomOf(incident, 'teams');
    const channel = room?.briefingMessageId ? room.channelId : incident === null ? deps.operationsChannel : undefined;
    const message = typeof text === 'string' ? { text: teamsHtml(text) } : text;
    if (channel) await posts.postOnce('posting a notice', inRoom(channel), message, { retry, since: room?.createdAt ?? lookback() });
  }

  /** How far back an earlier attempt's notice outside a room is looked for: retries come within a day. */
  const lookback = () => new Date(deps.services.clock.now().getTime() - 24 * 3_600_000);

  async function perform(job: Job): Promise<void> {
    const event = JSON.parse(job.payload) as RoomJobPayload;
    const origin = originOf(event);
    const retry = job.attempts > 1;
    await foldLaterEdits(deps.services.db, job);
    switch (event.type) {
      case 'incident_declared':
        return openRoom(event.incidentId, origin, retry);
      case 'incident_changed':
      case 'publication_created':
        return refreshBriefing(event.incidentId);
      case 'commander_changed':
        return addPerson({ incidentId: event.incidentId, personId: event.commanderId, personName: event.commanderName, title: 'commander' }, retry);
      case 'role_assigned':
        return addPerson(event, retry);
      case 'draft_created':
        await postCard(event, origin, retry);
        return refreshBriefing(event.incidentId);
      case 'draft_changed':
      case 'card_progress':
        return refreshCard(event.draftId);
      case 'delivery_failed': {
        if (!(await rooms.roomOf(event.incidentId, 'teams'))) return;
        const failed = await rooms.failedDelivery(event.deliveryId);
        const reason = failed.reason.replace(`${failed.targetName}: `, '');
        return notice(
          event.incidentId,
          `⚠️ ${draftLabel(failed.draft.kind, failed.draft.number)} could not be delivered to ${failed.targetName}: ${reason}. The other targets are not affected; @crisisroom deliveries shows them all.`,
          retry,
        );
      }
      case 'room_work_failed': {
        const text = `⚠️ crisisroom gave up ${event.what} for ${incidentId(event.incidentId)}: ${event.reason}. ${event.outcome ?? '@crisisroom summary shows what the room still lacks.'}`;
        // Said to the person whose command it was, where they typed it; else in the room.
        return origin ? tellOrigin(origin, text, retry, lookback()) : notice(event.incidentId, text, retry);
      }
      case 'followups_overdue':
        return notice(event.incidentId, overdueMessage(event.incidentId, event.followUps), retry);
      case 'cadence_reminder': {
        const room = await rooms.roomOf(event.incidentId, 'teams');
        if (!room?.briefingMessageId) return;
        const mentions: Mention[] = [];
        const lines = cadenceReminderLines(event, deps.services.config.statusPage.timeZone, {
          name: (person) => cardPerson(mentions, teamsUser(person.id), person.name),
          escapeText: cardText,
          command: '@crisisroom',
        });
        const card = cadenceCard([`${event.kind === 'idle' ? '💤' : '⏳'} ${lines[0]}`, ...lines.slice(1)], mentions, event.incidentId);
        const summary = `${incidentId(event.incidentId)}: ${event.kind === 'idle' ? 'nothing recorded for a while' : 'next public update due'}`;
        await posts.postOnce(
          'posting a cadence reminder',
          inRoom(room.channelId),
          { summary, attachments: [cardAttachment(keyedCard(card, `cadence:${job.id}`))] },
          {
            retry,
            since: room.createdAt,
            cardKey: `cadence:${job.id}`,
          },
        );
        return;
      }
      case 'clock_trust_changed':
        return notice(null, `${event.trust.trusted ? '✅' : '🚨'} ${clockTrustNotice(event.trust)}`, retry);
    }
  }

  return {
    /** Does one room job; throws as the job loop expects (permanent, retry later, or retry). */
    perform: (job: Job): Promise<void> => retries.perform(job, () => perform(job), teamsRoomError),
  };
}
