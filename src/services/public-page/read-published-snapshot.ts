import { existsSync } from 'node:fs';
import type { AppConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import type { HistorySource } from '../../domain/public-page/history.ts';
import type { PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import type { Clock } from '../../time/clock.ts';
import { databaseHistory } from './load-history.ts';
import { loadPublicSnapshot } from './load-public-snapshot.ts';
import { publishedIncidentFilter } from '../../db/stores/public-incidents.ts';

export interface PublishedSite {
  snapshot: PublicSnapshot;
  history: HistorySource;
  /** Every incident with a published update, oldest first: the pages a full copy must hold. */
  incidentNumbers: number[];
  close(): Promise<void>;
}

/**
 * What the running page would serve, read from the configured database by a process that is not the
 * server (the export CLI). It opens the database as app.ts does but does not sync the components: an
 * export with a stale configuration must not reorder the live page.
 */
export async function openPublishedSite(
  config: Pick<AppConfig, 'databaseUrl' | 'statusPage' | 'components'>,
  clock: Clock,
  publicBaseUrl: string,
): Promise<PublishedSite> {
  // Opening a missing SQLite file would create an empty database and export an empty page.
  const file = config.databaseUrl.startsWith('file:') ? config.databaseUrl.slice('file:'.length).split('?', 1)[0]! : null;
  if (file !== null && !existsSync(file)) {
    throw new Error(`no database at ${file}: set CRISISROOM_DATA_DIR or DATABASE_URL as for the server`);
  }
  const db = await openDatabase(config.databaseUrl, clock);
  try {
    const snapshot = await loadPublicSnapshot(db, clock, { ...config, publicBaseUrl });
    const rows = await db.prisma.incident.findMany({ where: publishedIncidentFilter, orderBy: { id: 'asc' }, select: { id: true } });
    return { snapshot, history: databaseHistory(db, clock, config), incidentNumbers: rows.map((row) => row.id), close: () => db.close() };
  } catch (error) {
    await db.close();
    throw error;
  }
}
