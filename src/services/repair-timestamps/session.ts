import { existsSync } from 'node:fs';
import type { AppConfig } from '../../config.ts';
import { openDatabase } from '../../db/client.ts';
import type { TimeReference } from '../../time/verified-clock.ts';
import { type ApplyProgress, type ApplyResult, applyRepairs } from './apply-repairs.ts';
import { type Finding, planRepairs } from './plan-repairs.ts';
import { type ScanProgress, readStamps } from './read-stamps.ts';
import { timeReferences } from '../time-references.ts';

export interface RepairSession {
  /** The server's time references over this configuration, the database's own clock among them. */
  references: TimeReference[];
  scan(options: { now: Date; toleranceMs: number; onProgress?: (progress: ScanProgress) => void }): Promise<Finding[]>;
  apply(findings: readonly Finding[], now: Date, onProgress?: (progress: ApplyProgress) => void): Promise<ApplyResult>;
  close(): Promise<void>;
}

/** Opens the configured database for repair-timestamps, as the server opens it, without syncing anything. */
export async function openRepairSession(config: Pick<AppConfig, 'databaseUrl' | 'slackCredentials' | 'statuspage' | 'teamsCredentials'>): Promise<RepairSession> {
  // Opening a missing SQLite file would create an empty database and report it clean.
  const file = config.databaseUrl.startsWith('file:') ? config.databaseUrl.slice('file:'.length).split('?', 1)[0]! : null;
  if (file !== null && !existsSync(file)) throw new Error(`no database at ${file}: set CRISISROOM_DATA_DIR or DATABASE_URL as for the server`);
  const db = await openDatabase(config.databaseUrl);
  return {
    references: timeReferences(config, db),
    scan: async ({ now, toleranceMs, onProgress }) => planRepairs(await readStamps(db.prisma, onProgress), { now: now.getTime(), toleranceMs }),
    apply: (findings, now, onProgress) => applyRepairs(db, findings, now, onProgress),
    close: () => db.close(),
  };
}
