import type { DatabaseInspection } from '../../services/inspect-database.ts';
import { scanStamps } from '../../services/repair-timestamps/session.ts';
import { findingsSummary } from '../repair-timestamps-report.ts';
import { type CheckLine, fail, pass, reasonOf, warn } from './check-line.ts';

/** As repair-timestamps' default: differences up to this are clock noise between replicas. */
const toleranceMs = 60_000;

/**
 * Instants a wrong clock left in the database: later than `now` (the verified now of the clock check),
 * or out of order. Found by the very scan repair-timestamps runs, so the two never disagree; a FAIL
 * since the page and the timelines show these dates until they are corrected.
 */
export async function checkStamps(inspection: DatabaseInspection, now: Date): Promise<CheckLine[]> {
  if (inspection.state !== 'reachable') return [];
  // A schema not migrated yet lacks what the scan reads; the database's own lines already say so.
  if (inspection.migrations.pending.length + inspection.migrations.problems.length > 0) return [];
  try {
    const findings = await scanStamps(inspection.database, { now, toleranceMs });
    if (findings.length === 0) return [pass('timestamps', `none later than now (${now.toISOString()}) or out of order`)];
    return [fail('timestamps', `${findingsSummary(findings)}: \`crisisroom repair-timestamps\` lists them, and corrects them with --apply`)];
  } catch (error) {
    return [warn('timestamps', `could not be read: ${reasonOf(error)}`)];
  }
}
