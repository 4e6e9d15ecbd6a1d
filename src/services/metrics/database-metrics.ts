import { existsSync } from 'node:fs';
import type { z } from 'zod';
import type { AppConfig } from '../../config.ts';
import { connectDatabase, type Database } from '../../db/client.ts';
import type { Clock } from '../../time/clock.ts';
import { incidentMetrics, type IncidentMetrics, type MetricsQuery } from './incident-metrics.ts';

/**
 * The metrics of the configured database, read by a process that is not the server (the CLI). It
 * connects without migrating: a read changes nothing, not even the schema. `clockFor` gives the
 * clock "now" is read from once the database, one of its references, is open.
 */
export async function databaseMetrics(
  config: Pick<AppConfig, 'databaseUrl'>,
  query: z.input<typeof MetricsQuery>,
  clockFor: (db: Database) => Promise<Pick<Clock, 'now'>>,
): Promise<IncidentMetrics> {
  // Connecting to a missing SQLite file would create an empty database and report no incidents.
  const file = config.databaseUrl.startsWith('file:') ? config.databaseUrl.slice('file:'.length).split('?', 1)[0]! : null;
  if (file !== null && !existsSync(file)) throw new Error(`no database at ${file}: set CRISISROOM_DATA_DIR or DATABASE_URL as for the server`);
  const db = connectDatabase(config.databaseUrl);
  try {
    return await incidentMetrics({ db, clock: await clockFor(db) }, query);
  } finally {
    await db.close();
  }
}
