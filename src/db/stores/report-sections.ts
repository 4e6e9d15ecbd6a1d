import { type ReportVersions, versionsFromRows } from '../../domain/report.ts';
import type { Db } from '../client.ts';

/** A publication's report as written, per language; null for an update, which has none. */
export async function reportVersionsOf(p: Db, publication: { kind: string; draftId: number }): Promise<ReportVersions | null> {
  if (publication.kind !== 'report') return null;
  return versionsFromRows(await p.reportSection.findMany({ where: { draftId: publication.draftId } }));
}
