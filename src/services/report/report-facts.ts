import type { Tx } from '../../db/client.ts';
import { publicRelatedFrom, publicRelationsSelect } from '../../db/stores/public-related.ts';
import { publicFollowUps } from '../followup/public-follow-ups.ts';

/** What crisisroom knows of an incident that a customer report may tell, read in one transaction. */
export interface ReportFacts {
  title: string;
  declaredAt: Date;
  impactStart: Date | null;
  impactEnd: Date | null;
  resolvedAt: Date | null;
  /** The components the incident affected, in the page's order. */
  components: string[];
  /** The published updates and the key moments, in the order they happened. */
  moments: { at: Date; text: string; status: string | null }[];
  /** The latest published update: where things stood when customers last heard. */
  lastUpdate: string | null;
  /** Related incidents customers can see on the page (those with a published update), oldest first, dated as the page dates them. */
  related: { title: string; shownAt: Date }[];
  /** The follow-up actions marked public, in the order they were added. */
  followUps: { text: string; state: string; due: string | null }[];
}

export async function readReportFacts(tx: Tx, incidentId: number): Promise<ReportFacts> {
  const incident = await tx.incident.findUniqueOrThrow({ where: { id: incidentId } });
  const [affected, order, updates, keyMoments, relations, followUps] = await Promise.all([
    tx.incidentComponent.findMany({ where: { incidentId } }),
    tx.component.findMany({ select: { name: true }, orderBy: { position: 'asc' } }),
    tx.publication.findMany({ where: { incidentId, kind: 'update' }, orderBy: { id: 'asc' } }),
    tx.timelineEntry.findMany({ where: { incidentId, key: true }, orderBy: { seq: 'asc' } }),
    tx.incident.findUniqueOrThrow({ where: { id: incidentId }, select: publicRelationsSelect }),
    publicFollowUps(tx, incidentId),
  ]);
  const names = new Set(affected.map((a) => a.componentName));
  const moments = [
    ...updates.map((u) => ({ at: u.publishedAt, text: u.body, status: u.status })),
    ...keyMoments.map((e) => ({ at: e.occurredAt, text: e.text, status: null })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  // As the page lists them: only incidents customers were shown, dated by their first update there.
  const related = publicRelatedFrom(relations).map((r) => ({ title: r.title, shownAt: r.createdAt }));
  return {
    title: incident.title,
    declaredAt: incident.declaredAt,
    impactStart: incident.impactStart,
    impactEnd: incident.impactEnd,
    resolvedAt: incident.resolvedAt,
    components: order.map((c) => c.name).filter((name) => names.has(name)),
    moments,
    lastUpdate: updates.at(-1)?.body ?? null,
    related,
    followUps: followUps.map((f) => ({ text: f.text, state: f.state, due: f.due })),
  };
}
