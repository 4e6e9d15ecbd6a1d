import type { ChatRoom, Database, DraftCard, Incident, PublicDraft } from '../client.ts';
import { isUniqueViolation } from '../unique-violation.ts';
import type { ComponentChange } from '../../domain/component.ts';
import { IncidentStatus } from '../../domain/incident.ts';
import { parseComponentChanges } from '../../domain/publication.ts';
import { nameTargets } from './target-names.ts';

/** A draft as its approval card shows it. */
type CardDraft = Omit<PublicDraft, 'status' | 'componentChanges'> & { incident: Incident; status: IncidentStatus; componentChanges: ComponentChange[] };

/** A delivery given up for good, as its crisis room is told of it. */
interface FailedDelivery {
  incidentId: number;
  draft: { number: number; kind: string };
  targetName: string;
  reason: string;
}

export interface RoomStore {
  recordRoom(room: { incidentId: number; platform: string; channelId: string; name: string; createdAt: Date }): Promise<ChatRoom>;
  setBriefing(id: number, briefingMessageId: string): Promise<ChatRoom>;
  roomOf(incidentId: number, platform: string): Promise<ChatRoom | null>;
  incidentOfChannel(platform: string, channelId: string): Promise<number | undefined>;
  /** The zone a subscribed customer channel reads times in; undefined for any other channel. */
  zoneOfChannel(platform: string, channelId: string): Promise<string | undefined>;
  /** Who declared the incident ("<platform>:<id>"), from its first timeline entry. */
  declarerOf(incidentId: number): Promise<string | undefined>;
  recordCard(card: { draftId: number; platform: string; channelId: string; messageId: string }): Promise<DraftCard>;
  cardOf(draftId: number, platform: string): Promise<DraftCard | null>;
  draft(draftId: number): Promise<CardDraft>;
  /** The languages and zones customers read updates in, so the card can show each rendering. */
  readerLocales(): Promise<{ language: string; timeZone: string }[]>;
  failedDelivery(deliveryId: number): Promise<FailedDelivery>;
  /** Marks an inbound request as handled; false when it already was (a retry or a double submission). */
  firstTime(key: string, at: Date): Promise<boolean>;
}

/**
 * What chat adapters remember about where an incident lives on their platform: its crisis room,
 * the pinned briefing, and the approval cards of its drafts.
 */
export function createRoomStore(db: Database): RoomStore {
  const p = db.prisma;
  return {
    recordRoom: (room: { incidentId: number; platform: string; channelId: string; name: string; createdAt: Date }) => p.chatRoom.create({ data: room }),
    setBriefing: (id: number, briefingMessageId: string) => p.chatRoom.update({ where: { id }, data: { briefingMessageId } }),
    roomOf: (incidentId: number, platform: string) => p.chatRoom.findUnique({ where: { incidentId_platform: { incidentId, platform } } }),
    incidentOfChannel: async (platform: string, channelId: string) =>
      (await p.chatRoom.findUnique({ where: { platform_channelId: { platform, channelId } }, select: { incidentId: true } }))?.incidentId,
    zoneOfChannel: async (platform: string, channelId: string) =>
      (await p.channelSubscription.findFirst({ where: { platform, channelId, active: true }, select: { timeZone: true } }))?.timeZone,
    declarerOf: async (incidentId: number) =>
      (await p.timelineEntry.findFirst({ where: { incidentId, kind: 'declared' }, select: { actorId: true } }))?.actorId,
    recordCard: (card: { draftId: number; platform: string; channelId: string; messageId: string }) => p.draftCard.create({ data: card }),
    cardOf: (draftId: number, platform: string) => p.draftCard.findUnique({ where: { draftId_platform: { draftId, platform } } }),

    /** A draft with what its card shows. */
    draft: async (draftId: number) => {
      const draft = await p.publicDraft.findUniqueOrThrow({ where: { id: draftId }, include: { incident: true } });
      return { ...draft, status: IncidentStatus.parse(draft.status), componentChanges: parseComponentChanges(draft.componentChanges) };
    },

    readerLocales: async () =>
      p.channelSubscription.findMany({ where: { active: true }, select: { language: true, timeZone: true }, distinct: ['language', 'timeZone'] }),

    /** A delivery given up for good, with what the crisis room should be told about it. */
    failedDelivery: async (deliveryId: number) => {
      const delivery = await p.delivery.findUniqueOrThrow({
        where: { id: deliveryId },
        include: { publication: { select: { incidentId: true, draft: { select: { number: true, kind: true } } } } },
      });
      const named = await nameTargets(p, [delivery.target]);
      return {
        incidentId: delivery.publication.incidentId,
        draft: delivery.publication.draft,
        targetName: named(delivery.target).name,
        reason: delivery.lastError ?? 'unknown error',
      };
    },

    firstTime: async (key: string, at: Date) => {
      try {
        await p.processedRequest.create({ data: { key, at } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}
