import { incidentId } from '../domain/incident.ts';
import type { ApplyResult } from '../services/repair-timestamps/apply-repairs.ts';
import type { Finding } from '../services/repair-timestamps/plan-repairs.ts';
import type { VerifiedNow } from '../services/repair-timestamps/verified-now.ts';
import { seconds } from '../time/verified-clock.ts';

const headings = ['TABLE', 'ID', 'INCIDENT', 'FIELD', 'STORED', 'PROPOSED', 'PROBLEM', 'WITNESS'];

function row(finding: Finding): string[] {
  return [
    finding.table,
    String(finding.id),
    finding.incidentId === null ? '-' : incidentId(finding.incidentId),
    finding.field,
    finding.stored.toISOString(),
    finding.proposed?.toISOString() ?? '-',
    finding.problems.join(', '),
    finding.witness,
  ];
}

/** Aligned columns, the last one left ragged. */
export function findingsTable(findings: readonly Finding[]): string {
  const rows = [headings, ...findings.map(row)];
  const widths = headings.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  return `${rows.map((cells) => cells.map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  ')).join('\n')}\n`;
}

export function describeNow({ now, answered, offsetMs }: VerifiedNow): string {
  if (answered.length === 0) return `now ${now.toISOString()} by this machine's clock alone: no time reference answered`;
  const machine = offsetMs === 0 ? 'agrees' : `is ${seconds(Math.abs(offsetMs))} ${offsetMs < 0 ? 'ahead' : 'behind'}`;
  return `verified now ${now.toISOString()} (by ${answered.join(', ')}; this machine's clock ${machine})`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "4 findings (3 future, 1 out of order, 0 inconsistent): 3 repairable, 1 without a witness" */
export function findingsSummary(findings: readonly Finding[]): string {
  const first = (f: Finding) => f.problems[0] ?? '';
  const future = findings.filter((f) => first(f) === 'future').length;
  const unordered = findings.filter((f) => first(f) === 'out of order').length;
  const repairable = findings.filter((f) => f.proposed !== null).length;
  return `${plural(findings.length, 'finding')} (${future} future, ${unordered} out of order, ${findings.length - future - unordered} inconsistent with a related time): ${repairable} repairable, ${findings.length - repairable} without a witness`;
}

export function appliedSummary({ repaired, skipped }: ApplyResult, unrepairable: number): string {
  const lines = [`repaired ${plural(repaired.length, 'timestamp')}, each with an audit entry (timestamp_repaired) holding the old and new value`];
  if (skipped.length > 0) lines.push(`${plural(skipped.length, 'record')} changed since the scan and left alone: run again`);
  if (unrepairable > 0) lines.push(`${plural(unrepairable, 'finding')} without a witness left as stored: correct by hand`);
  return `${lines.join('\n')}\n`;
}
