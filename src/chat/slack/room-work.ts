import { z } from 'zod';
import type { WebClient } from '@slack/web-api';
import { platformUserId } from '../../domain/actor.ts';
import { ComponentState } from '../../domain/component.ts';
import { IncidentStatus, draftLabel, impactOf, incidentId } from '../../domain/incident.ts';
import type { Log } from '../../log.ts';
import type { Services } from '../../services/context.ts';
import type { Job } from '../../db/stores/jobs.ts';
import { getBriefing } from '../../services/queries.ts';
import { type RoomEvent, type RoomJobPayload, foldLaterEdits } from '../../services/room-work.ts';
import type { RoomStore } from '../../db/stores/rooms.ts';
import type { Clock } from '../../time/clock.ts';
import { loadApprovalView } from '../approval-view.ts';
import type { Pace } from '../pace.ts';
import { createRoomRetries } from '../room-retries.ts';
import { briefingLists } from '../render/briefing.ts';
import { cadenceReminderLines } from '../render/cadence.ts';
import { clockTrustNotice } from '../render/clock-trust.ts';
import { overdueReminder } from '../render/follow-ups.ts';
import { approvalCard } from './blocks/approval-card.ts';
import { cadenceMessage } from './blocks/cadence.ts';
import { briefingMessage } from './blocks/briefing.ts';
import { escapeMrkdwn, mention } from './blocks/mrkdwn.ts';
import { createRoomChannel, findOwnChannel, invitePeople } from './crisis-room.ts';
import { slackError } from './slack-errors.ts';
import { findPostedUpdate, metadataOf } from './posted-updates.ts';
import { type RoomCall, createRoomCalls } from './room-calls.ts';

interface RoomWorkDeps {
  /** A client that makes no retries of its own: the job loop retries, after looking for what was done. */
  client: WebClient;
  rooms: RoomStore;
  services: Services;
  clock: Clock;
  log: Log;
  botUserId(): string;
  publicBaseUrl(): string;
  /** The workspace's pace of posts, shared with customer posts. */
  posts: Pace;
  /** The channel told when the clock stops, or starts again, being trusted. */
  operationsChannel?: string;
}

const slackUser = (key: string | undefined) => platformUserId(key, 'slack');

/** A person stored as "<platform>:<id>", as a Slack message names them: mentioned when they are a Slack user. */
function slackPerson(key: string | null, name: string): { name: string; slackUserId?: string } {
  const user = slackUser(key ?? undefined);
  return { name, ...(user ? { slackUserId: user } : {}) };
}

/** Where a slash command came from, as its room work carries it (see command-jobs.ts). */
const SlackOrigin = z.object({ user: z.string().min(1) });

/**
 * Keeps Slack's crisis rooms in step with the core, as jobs recorded with the changes that cause
 * them (see services/room-work.ts): opens a room for each declared incident, keeps its pinned
 * briefing and topic current, posts and updates approval cards, and tells the room what it must
 * know. Each step is safe to repeat: a retry first finds what an earlier attempt did (the channel
 * by its name and creator, a message by its metadata) instead of doing it twice.
 */
export function createSlackRoomWork(deps: RoomWorkDeps) {
  const { client, rooms } = deps;
  const paced = createRoomCalls(deps.posts);
  const retries = createRoomRetries();
  const call: RoomCall = (method, channel, work) => {
    retries.calling(method);
    return paced(method, channel, work);
  };

  const zone = deps.services.config.statusPage.timeZone;

  async function briefing(incident: number) {
    const data = await getBriefing({ ...deps.services, actor: { platform: 'slack', id: 'crisisroom', name: 'crisisroom' } }, { incident });
    const base = deps.publicBaseUrl();
    return {
      data,
      message: briefingMessage({
        number: incident,
        incidentId: incidentId(incident),
        title: data.incident.title,
        status: IncidentStatus.parse(data.incident.status),
        severity: data.incident.severity,
        commander: slackPerson(data.incident.commanderId, data.incident.commanderName),
        components: data.components.map((c) => ({ name: c.componentName, state: ComponentState.parse(c.state) })),
        impact: data.incident.impactStart ? { start: data.incident.impactStart, end: data.incident.impactEnd } : null,
        latestPublic: data.latestPublication
          ? { status: IncidentStatus.parse(data.latestPublication.status), body: data.latestPublication.body, publishedAt: data.latestPublication.publishedAt }
          : null,
        pendingDrafts: data.pendingDrafts.length,
        statusPageUrl: base,
        incidentUrl: `${base}/incidents/${incidentId(incident)}`,
        zone,
        declaredAt: data.incident.declaredAt,
        resolvedAt: data.incident.resolvedAt,
        ...briefingLists(data, zone),
        roles: data.roles.map((role) => ({ title: role.title, holder: role.holder && slackPerson(role.holder.personId, role.holder.personName) })),
      }),
    };
  }

  /**
   * Posts a message once: on a retry, the message an earlier attempt posted is found by its key
   * first (its answer may have been lost, or the process killed before it was recorded).
   */
  async function postOnce(
    channel: string,
    key: string,
    retry: boolean,
    since: Date | undefined,
    message: { text: string; blocks?: unknown[] },
  ): Promise<string> {
    const found = retry
      ? await call('conversations.history', channel, () => findPostedUpdate(client, { channel, key, ...(since ? { since } : {}) }))
      : undefined;
    if (found) return found;
    const posted = await call('chat.postMessage', channel, () =>
      client.chat.postMessage({ channel, ...(message as { text: string }), unfurl_links: false, metadata: metadataOf(key) }),
    );
    return posted.ts!;
  }

  async function openRoom(incident: number, retry: boolean): Promise<void> {
    const { data, message } = await briefing(incident);
    const { slack } = deps.services.config;
    let room = await rooms.roomOf(incident, 'slack');
    if (!room) {
      // A channel of the bot's with this incident's name, created since the incident was declared,
      // is the one an earlier attempt created (its answer lost, or the process killed before recording it).
      const adopt = async (name: string) => {
        if (!retry) return undefined;
        const found = await findOwnChannel(call, client, name, deps.botUserId());
        return found && (await rooms.incidentOfChannel('slack', found.id)) === undefined ? found : undefined;
      };
      const channel = await createRoomChannel(call, client, { prefix: slack.channelPrefix, number: incident, title: data.incident.title }, adopt);
      room = await rooms.recordRoom({ incidentId: incident, platform: 'slack', channelId: channel.id, name: channel.name, createdAt: deps.clock.now() });
    }
    const channel = room.channelId;
    const people = [data.incident.commanderId, await rooms.declarerOf(incident)].map((key) => key && slackUser(key)).filter((id): id is string => Boolean(id));
    await invitePeople(call, client, channel, [...people, ...slack.responders], deps.botUserId());
    await call('conversations.setPurpose', channel, () =>
      client.conversations.setPurpose({ channel, purpose: `${data.incident.title} · status page ${deps.publicBaseUrl()}`.slice(0, 250) }),
    );
    await setTopic(channel, data.incident);
    const ts = room.briefingMessageId ?? (await postOnce(channel, `room:briefing:${incident}`, retry, room.createdAt, message));
    if (!room.briefingMessageId) await rooms.setBriefing(room.id, ts);
    await call('pins.add', channel, () =>
      client.pins.add({ channel, timestamp: ts }).catch((error: unknown) => {
        if (slackError(error) !== 'already_pinned') throw error;
      }),
    );
  }

  // What each room was last given, so an unchanged topic costs no call.
  const topics = new Map<string, string>();
  async function setTopic(channel: string, incident: { id: number; status: string; severity: number; commanderName: string }) {
    const topic =
      `${incidentId(incident.id)} · ${incident.status} · SEV${incident.severity} (${impactOf(incident.severity)}) · commander ${incident.commanderName}`.slice(
        0,
        250,
      );
    if (topics.get(channel) === topic) return;
    await call('conversations.setTopic', channel, () => client.conversations.setTopic({ channel, topic }));
    topics.set(channel, topic);
  }

  /** A commander handed the incident is brought into its room; one already in it counts as done. */
  /** Brings someone given a role (the commander's or another) into the room. */
  async function invitePerson(incident: number, personId: string): Promise<void> {
    const room = await rooms.roomOf(incident, 'slack');
    const user = slackUser(personId);
    if (room && user) await invitePeople(call, client, room.channelId, [user], deps.botUserId());
  }

  async function refreshBriefing(incident: number): Promise<void> {
    const room = await rooms.roomOf(incident, 'slack');
    if (!room?.briefingMessageId) return;
    const { data, message } = await briefing(incident);
    await call('chat.update', room.channelId, () => client.chat.update({ channel: room.channelId, ts: room.briefingMessageId!, ...message }));
    await setTopic(room.channelId, data.incident);
  }

  const card = async (draftId: number) => approvalCard((await loadApprovalView(deps.services, rooms, draftId)).view);

  async function postCard(incident: number, draftId: number, retry: boolean): Promise<void> {
    const room = await rooms.roomOf(incident, 'slack');
    if (!room || (await rooms.cardOf(draftId, 'slack'))) return;
    const draft = await rooms.draft(draftId);
    const ts = await postOnce(room.channelId, `room:card:${draftId}`, retry, draft.createdAt, await card(draftId));
    await rooms.recordCard({ draftId, platform: 'slack', channelId: room.channelId, messageId: ts });
  }

  async function refreshCard(draftId: number): Promise<void> {
    const existing = await rooms.cardOf(draftId, 'slack');
    if (existing)
      await call('chat.update', existing.channelId, async () =>
        client.chat.update({ channel: existing.channelId, ts: existing.messageId, ...(await card(draftId)) }),
      );
  }

  /** A notice in the room, posted once; with no room, to operations (or nowhere but the log). */
  /** A notice in the incident's room (else operations), posted once: plain text, or mrkdwn built by crisisroom. */
  async function notice(incident: number | null, text: string | { mrkdwn: string }, key: string, retry: boolean): Promise<void> {
    const room = incident === null ? null : await rooms.roomOf(incident, 'slack');
    const channel = room?.channelId ?? deps.operationsChannel;
    if (!channel) return;
    await postOnce(channel, key, retry, room?.createdAt, { text: typeof text === 'string' ? escapeMrkdwn(text) : text.mrkdwn });
  }

  async function tellOfFailedDelivery(event: Extract<RoomEvent, { type: 'delivery_failed' }>, key: string, retry: boolean): Promise<void> {
    if (!(await rooms.roomOf(event.incidentId, 'slack'))) return;
    const failed = await rooms.failedDelivery(event.deliveryId);
    const reason = failed.reason.replace(`${failed.targetName}: `, '');
    const text = `:warning: ${draftLabel(failed.draft.kind, failed.draft.number)} could not be delivered to ${failed.targetName}: ${reason}. The other targets are not affected; /incident deliveries shows them all.`;
    await notice(event.incidentId, text, key, retry);
  }

  async function performEvent(job: Job): Promise<void> {
    const event = JSON.parse(job.payload) as RoomJobPayload;
    const retry = job.attempts > 1;
    const key = `room:job:${job.id}`;
    await foldLaterEdits(deps.services.db, job);
    switch (event.type) {
      case 'incident_declared':
        return openRoom(event.incidentId, retry);
      case 'incident_changed':
      case 'publication_created':
        return refreshBriefing(event.incidentId);
      case 'commander_changed':
        return invitePerson(event.incidentId, event.commanderId);
      case 'role_assigned':
        return invitePerson(event.incidentId, event.personId);
      case 'draft_created':
        await postCard(event.incidentId, event.draftId, retry);
        return refreshBriefing(event.incidentId);
      case 'draft_changed':
      case 'card_progress':
        return refreshCard(event.draftId);
      case 'delivery_failed':
        return tellOfFailedDelivery(event, key, retry);
      case 'room_work_failed': {
        const text = `:warning: crisisroom gave up ${event.what} for ${incidentId(event.incidentId)}: ${event.reason}. ${event.outcome ?? '/incident summary shows what the room still lacks.'}`;
        // Said to the person whose command it was, in a direct message; else in the room.
        const person = SlackOrigin.safeParse(event.origin).data?.user;
        if (person) return void (await call('chat.postMessage', person, () => client.chat.postMessage({ channel: person, text: escapeMrkdwn(text) })));
        return notice(event.incidentId, text, key, retry);
      }
      case 'followups_overdue': {
        const lines = overdueReminder(event.incidentId, event.followUps, {
          escapeText: escapeMrkdwn,
          // A mention notifies a Slack owner; others are named.
          owner: (row) => mention(slackPerson(row.ownerId, row.ownerName ?? 'no owner')),
          command: '/incident',
        });
        return notice(event.incidentId, { mrkdwn: `:alarm_clock: ${lines.join('\n')}` }, key, retry);
      }
      case 'cadence_reminder': {
        const room = await rooms.roomOf(event.incidentId, 'slack');
        if (!room) return;
        const lines = cadenceReminderLines(event, zone, {
          name: (person) => mention(slackPerson(person.id, person.name)),
          escapeText: escapeMrkdwn,
          command: '/incident',
        });
        const icon = event.kind === 'idle' ? ':zzz:' : ':hourglass_flowing_sand:';
        return void (await postOnce(room.channelId, key, retry, room.createdAt, cadenceMessage(`${icon} ${lines.join('\n')}`, event.incidentId)));
      }
      case 'clock_trust_changed':
        return notice(null, `${event.trust.trusted ? ':white_check_mark:' : ':rotating_light:'} ${clockTrustNotice(event.trust)}`, key, retry);
    }
  }

  return {
    /** Does one room job; throws as the job loop expects (permanent, retry later, or retry). */
    perform: (job: Job): Promise<void> => retries.perform(job, () => performEvent(job)),
  };
}
