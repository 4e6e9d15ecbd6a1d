import type { Database, Tx } from '../../db/client.ts';
import type { Finding, TableName } from './plan-repairs.ts';
import { repairAction } from './read-stamps.ts';

export interface ApplyProgress {
  done: number;
  total: number;
}

export interface ApplyResult {
  repaired: Finding[];
  /** Changed by someone else between the scan and the write: left alone, found again by the next run. */
  skipped: Finding[];
}

/** Corrections per transaction: each lands with its audit row, without one transaction per row. */
const batchSize = 250;

type Delegate = { updateMany(args: { where: Record<string, unknown>; data: Record<string, unknown> }): Promise<{ count: number }> };

/** Prisma names each model's delegate after the model, first letter lower-cased (TimelineEntry → tx.timelineEntry). */
const delegateOf = (tx: Tx, table: Exclude<TableName, 'AuditLog'>): Delegate =>
  (tx as unknown as Record<string, Delegate>)[table[0]!.toLowerCase() + table.slice(1)]!;

/**
 * Writes the proposed corrections, each with an audit row holding the old and the new value, in the
 * same transaction. A row is changed only while it still holds the value that was judged, so a record
 * touched since the scan is never overwritten. The audit log itself refuses updates (a database
 * trigger): its wrong rows are corrected by the appended audit row alone, which later scans honour.
 */
export async function applyRepairs(
  db: Database,
  findings: readonly Finding[],
  now: Date,
  onProgress: (progress: ApplyProgress) => void = () => undefined,
): Promise<ApplyResult> {
  const planned = findings.filter((finding) => finding.proposed !== null);
  const result: ApplyResult = { repaired: [], skipped: [] };
  for (let start = 0; start < planned.length; start += batchSize) {
    const batch = planned.slice(start, start + batchSize);
    const outcome = await db.transaction(async (tx) => {
      const repaired: Finding[] = [];
      const skipped: Finding[] = [];
      for (const finding of batch) {
        if (finding.table !== 'AuditLog') {
          const { count } = await delegateOf(tx, finding.table).updateMany({
            where: { id: finding.id, [finding.field]: finding.stored },
            data: { [finding.field]: finding.proposed },
          });
          if (count !== 1) {
            skipped.push(finding);
            continue;
          }
        }
        repaired.push(finding);
      }
      await tx.auditLog.createMany({
        data: repaired.map((finding) => ({
          at: now,
          actorId: 'system:repair-timestamps',
          actorName: 'crisisroom repair-timestamps',
          platform: 'system',
          action: repairAction,
          incidentId: finding.incidentId,
          detail: JSON.stringify({
            table: finding.table,
            id: finding.id,
            field: finding.field,
            old: finding.stored.toISOString(),
            new: finding.proposed!.toISOString(),
            witness: finding.witness,
          }),
        })),
      });
      return { repaired, skipped };
    });
    result.repaired.push(...outcome.repaired);
    result.skipped.push(...outcome.skipped);
    onProgress({ done: Math.min(start + batchSize, planned.length), total: planned.length });
  }
  return result;
}
