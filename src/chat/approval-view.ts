import type { ComponentChange } from '../domain/component.ts';
import type { IncidentStatus } from '../domain/incident.ts';
import { Language } from '../i18n/languages.ts';
import type { Services } from '../services/context.ts';
import { deliveriesOfDraft } from '../services/draft/get-deliveries.ts';
import type { RoomStore } from '../db/stores/rooms.ts';
import { summarizeTargets } from './render/deliveries.ts';

/** A draft as every platform's approval request shows it. */
export interface ApprovalView {
  incidentNumber: number;
  draftNumber: number;
  incidentTitle: string;
  status: IncidentStatus;
  body: string;
  authorName: string;
  componentChanges: ComponentChange[];
  /** The customer channels following the incident, each read in its own language and zone. */
  languages: { lang: Language; zone: string }[];
  createdAt: Date;
  /** The crisis room's zone. */
  zone: string;
  decision?: { state: 'approved' | 'rejected'; byName: string; at: Date; reason?: string };
  /** Once approved: where the update has reached so far ("status page, 47 of 48 customer channels — …"). */
  deliveries?: string;
  /** An incident report is shown as its text, not as channel previews: channels get a short post of it. */
  kind?: 'update' | 'report';
}

/** Where an approved report goes, said under its text on the approval cards. */
export const reportReach =
  'Approved, the report goes to the status page, the API, e-mail subscribers, webhooks and feeds, and (unless turned off) as a short post to customer channels. This is its default language: /incident report preview --lang shows the others.';

/** Reads a draft (by its row id) with its decision, its readers' languages and, once approved, its deliveries. */
export async function loadApprovalView(services: Services, rooms: RoomStore, draftId: number) {
  const zone = services.config.statusPage.timeZone;
  const draft = await rooms.draft(draftId);
  const deliveries = draft.state === 'approved' ? await deliveriesOfDraft(services.db, draftId) : null;
  const locales = await rooms.readerLocales();
  const languages =
    locales.length > 0
      ? locales.map((l) => ({ lang: Language.parse(l.language), zone: l.timeZone }))
      : [{ lang: services.config.statusPage.languages[0]!, zone }];
  const view: ApprovalView = {
    incidentNumber: draft.incidentId,
    draftNumber: draft.number,
    incidentTitle: draft.incident.title,
    status: draft.status,
    body: draft.body,
    authorName: draft.authorName,
    componentChanges: draft.componentChanges,
    languages,
    createdAt: draft.createdAt,
    zone,
    kind: draft.kind === 'report' ? 'report' : 'update',
    ...(draft.state !== 'pending' && draft.decidedAt
      ? {
          decision: {
            state: draft.state as 'approved' | 'rejected',
            byName: draft.decidedByName ?? 'someone',
            at: draft.decidedAt,
            ...(draft.rejectReason ? { reason: draft.rejectReason } : {}),
          },
        }
      : {}),
    ...(deliveries ? { deliveries: summarizeTargets(deliveries) } : {}),
  };
  return { view, commanderId: draft.incident.commanderId };
}
