import type { DatabaseInspection } from '../../services/inspect-database.ts';
import { type CheckLine, fail, pass, reasonOf, warn } from './check-line.ts';
import { maskedUrl } from './mask.ts';

const names = (list: string[]) => (list.length <= 3 ? list.join(', ') : `${list.slice(0, 3).join(', ')} and ${list.length - 3} more`);

/** Where the database is, as it may be printed: the SQLite file, or the PostgreSQL URL without its password. */
function databaseLocation(inspection: Pick<DatabaseInspection, 'provider' | 'file'>, url: string): string {
  return inspection.file !== null ? `SQLite ${inspection.file}` : `PostgreSQL ${maskedUrl(url)}`;
}

/** Reachability and migrations, from an inspection that changed nothing. */
export function checkDatabase(inspection: DatabaseInspection, url: string): CheckLine[] {
  const where = databaseLocation(inspection, url);
  if (inspection.state === 'missing') return [warn('database', `${where} does not exist yet (created at the first start)`)];
  if (inspection.state === 'unreachable') return [fail('database', `cannot reach ${where}: ${reasonOf(inspection.error)}`)];
  const { applied, pending, problems, unknown } = inspection.migrations;
  const lines = [pass('database', `${where} reachable`)];
  lines.push(...problems.map((problem) => fail('database', `${problem} (the server refuses to start)`)));
  if (pending.length > 0) {
    lines.push(warn('database', `${pending.length} of ${applied.length + pending.length} migrations pending, applied at the next start: ${names(pending)}`));
  } else if (problems.length === 0) {
    lines.push(pass('database', `all ${applied.length} migrations applied (latest ${applied.at(-1) ?? 'none'})`));
  }
  if (unknown.length > 0) {
    lines.push(warn('database', `migrations recorded by the database but unknown to this version (a newer crisisroom migrated it?): ${names(unknown)}`));
  }
  return lines;
}
