import type { AppConfig } from '../config.ts';
import { type Database, connectDatabase } from '../db/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import type { Log } from '../log.ts';
import { syncComponents } from '../services/sync-components.ts';
import { timeReferences } from '../services/time-references.ts';
import type { Clock } from '../time/clock.ts';
import { type VerifiedClock, isVerifiedClock } from '../time/verified-clock.ts';

/**
 * The database, migrated, with the configured components in it. Nothing is dated before the clock
 * has been checked against its references (PostgreSQL's clock is read before any migration): a
 * clock a year ahead would date the first rows a year ahead.
 */
export async function openStore(
  config: AppConfig,
  clock: Clock,
  log: Log,
): Promise<{ db: Database; verified: VerifiedClock | null; addComponents(): Promise<void> }> {
  const db = connectDatabase(config.databaseUrl);
  const verified = isVerifiedClock(clock) ? clock : null;
  if (verified) for (const reference of timeReferences(config, db)) verified.addReference(reference);
  await verified?.check();
  await applyMigrations(db.provider, config.databaseUrl, () => clock.now()).catch(async (error: unknown) => {
    await db.close();
    throw error;
  });
  const addComponents = async () => {
    const waiting = await syncComponents(db, clock, config.components);
    if (waiting.length > 0) log(`clock not trusted: components ${waiting.join(', ')} are added once it is (a new row is dated)`);
  };
  await addComponents();
  return { db, verified, addComponents };
}
