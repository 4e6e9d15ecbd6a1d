import { createClient } from '@libsql/client';
import pg from 'pg';

export interface StoredInstant {
  /** "Table.column" */
  column: string;
  /** ms since the epoch */
  at: number;
}

/** Every date-and-time column of every table, as the database lists its own columns: none is named here. */
const columnsQuery = {
  postgresql: `SELECT table_name AS t, column_name AS c FROM information_schema.columns
    WHERE table_schema = current_schema() AND (data_type LIKE 'timestamp%' OR data_type = 'date') ORDER BY 1, 2`,
  sqlite: `SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p
    WHERE m.type = 'table' AND upper(p.type) IN ('DATETIME', 'TIMESTAMP', 'DATE') ORDER BY 1, 2`,
};

/** SQLite keeps instants as text: Prisma's ISO 8601, or CURRENT_TIMESTAMP's "YYYY-MM-DD HH:MM:SS" in UTC. */
function sqliteInstant(value: unknown, column: string): number {
  const text = String(value);
  const at = Date.parse(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text) ? `${text.replace(' ', 'T')}Z` : text);
  if (Number.isNaN(at)) throw new Error(`${column} holds "${text}", not an instant this reader knows`);
  return at;
}

/**
 * Every instant stored in the database at `url`, in every table that holds one (Prisma's
 * `_prisma_migrations` included), so a table or column added later is read without changing this.
 */
export async function storedInstants(url: string): Promise<StoredInstant[]> {
  if (url.startsWith('file:')) {
    const client = createClient({ url });
    try {
      const found: StoredInstant[] = [];
      for (const { t, c } of (await client.execute(columnsQuery.sqlite)).rows) {
        const column = `${String(t)}.${String(c)}`;
        const rows = (await client.execute(`SELECT "${String(c)}" AS v FROM "${String(t)}" WHERE "${String(c)}" IS NOT NULL`)).rows;
        found.push(...rows.map((row) => ({ column, at: sqliteInstant(row.v, column) })));
      }
      return found;
    } finally {
      client.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found: StoredInstant[] = [];
    for (const { t, c } of (await client.query<{ t: string; c: string }>(columnsQuery.postgresql)).rows) {
      // The epoch of a timestamp without time zone reads it as UTC, which is how Prisma stores it.
      const rows = (await client.query<{ at: string }>(`SELECT extract(epoch FROM "${c}") * 1000 AS at FROM "${t}" WHERE "${c}" IS NOT NULL`)).rows;
      found.push(...rows.map((row) => ({ column: `${t}.${c}`, at: Number(row.at) })));
    }
    return found;
  } finally {
    await client.end();
  }
}
