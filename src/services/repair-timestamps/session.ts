import { existsSync } from 'node:fs';
import type { AppConfig } from '../../config.ts';
import { type Database, connectDatabase } from '../../db/client.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { type ApplyProgress, type ApplyResult, applyRepairs } from './apply-repairs.ts';
import { type Finding, planRepairs } from './plan-repairs.ts';
import { type ScanProgress, readStamps } from './read-stamps.ts';
import { type VerifiedNow, verifiedNow } from './verified-now.ts';
import { timeReferences } from '../time-references.ts';

export interface RepairSession {
  /** Now by the server's time references over this configuration, the database's own clock among them. */
  verified: VerifiedNow;
  scan(options: ScanOptions): Promise<Finding[]>;
  apply(findings: readonly Finding[], now: Date, onProgress?: (progress: ApplyProgress) => void): Promise<ApplyResult>;
  close(): Promise<void>;
}

export interface ScanOptions {
  /** The verified now: later instants are in the future. */
  now: Date;
  /** Differences up to this are clock noise, not findings. */
  toleranceMs: number;
  onProgress?: (progress: ScanProgress) => void;
}

/** The instants a wrong clock left in `db`, each with the correction its best witness gives; reads only. */
export async function scanStamps(db: Database, { now, toleranceMs, onProgress }: ScanOptions): Promise<Finding[]> {
  return planRepairs(await readStamps(db.prisma, onProgress), { now: now.getTime(), toleranceMs });
}

/**
 * Opens the configured database for repair-timestamps, as the server opens it, without syncing
 * anything: the references are read first, so a migration it applies is recorded at the verified now.
 */
export async function openRepairSession(
  config: Pick<AppConfig, 'databaseUrl' | 'slackCredentials' | 'statuspage' | 'teamsCredentials'>,
  log: (message: string) => void,
): Promise<RepairSession> {
  // Opening a missing SQLite file would create an empty database and report it clean.
  const file = config.databaseUrl.startsWith('file:') ? config.databaseUrl.slice('file:'.length).split('?', 1)[0]! : null;
  if (file !== null && !existsSync(file)) throw new Error(`no database at ${file}: set CRISISROOM_DATA_DIR or DATABASE_URL as for the server`);
  const db = connectDatabase(config.databaseUrl);
  try {
    const verified = await verifiedNow(timeReferences(config, db), log);
    await applyMigrations(db.provider, config.databaseUrl, () => verified.now);
    return {
      verified,
      scan: (options) => scanStamps(db, options),
      apply: (findings, now, onProgress) => applyRepairs(db, findings, now, onProgress),
      close: () => db.close(),
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
