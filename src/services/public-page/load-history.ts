import type { AppConfig } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { historyPageSize, type HistoryPage, type HistorySource } from '../../domain/public-page/history.ts';
import type { PublicIncident } from '../../domain/public-page/snapshot.ts';
import type { Clock } from '../../time/clock.ts';
import { newestFirst, publicIncidentFrom, publicIncidentSelect, publishedIncidentFilter } from '../../db/stores/public-incidents.ts';
import { pageOrderOf } from './page-order.ts';

/** Incident ids are 32-bit integers in both databases; a larger number cannot name one. */
const largestId = 2_147_483_647;

/**
 * One page of the public incident history: published incidents, 25 to a page, newest first. Pages
 * follow incident numbers (declaration order, which the primary key serves without sorting anything);
 * within a page the incidents are in the snapshot's order. One extra row says whether a next page exists,
 * so no count runs over the whole table.
 */
export async function loadHistoryPage(db: Database, clock: Clock, config: Pick<AppConfig, 'components'>, page: number): Promise<HistoryPage> {
  if (!Number.isSafeInteger(page) || page < 1) throw new RangeError(`history pages are numbered from 1 (got ${page})`);
  const loadedAt = clock.now();
  const rows = await db.prisma.incident.findMany({
    where: publishedIncidentFilter,
    orderBy: { id: 'desc' },
    skip: (page - 1) * historyPageSize,
    take: historyPageSize + 1,
    select: publicIncidentSelect,
  });
  const order = pageOrderOf(config);
  const incidents = rows.slice(0, historyPageSize).map((row) => publicIncidentFrom(row, order));
  return { page, incidents: incidents.sort(newestFirst), hasNext: rows.length > historyPageSize, loadedAt };
}

/** A published incident as the snapshot would hold it; null when it does not exist or nothing of it was published. */
export async function loadPublicIncident(db: Database, config: Pick<AppConfig, 'components'>, number: number): Promise<PublicIncident | null> {
  if (!Number.isSafeInteger(number) || number < 1 || number > largestId) return null;
  const row = await db.prisma.incident.findFirst({ where: { id: number, ...publishedIncidentFilter }, select: publicIncidentSelect });
  return row ? publicIncidentFrom(row, pageOrderOf(config)) : null;
}

/** The status page's history, read from the database (the page handler caches each answer per snapshot). */
export function databaseHistory(db: Database, clock: Clock, config: Pick<AppConfig, 'components'>): HistorySource {
  return {
    page: (page) => loadHistoryPage(db, clock, config, page),
    incident: (number) => loadPublicIncident(db, config, number),
  };
}
