// `npm run db:migration -- <name>`: writes the SQL that takes both databases from the schema as last
// committed to the schema as it is now, into prisma/<provider>/migrations/<timestamp>_<name>/.
// It uses Prisma's WebAssembly schema engine, so it works offline; the result is what
// `prisma migrate dev` would write, and start-up applies it like any other migration. The PostgreSQL
// diff needs a reachable server (CRISISROOM_TEST_POSTGRES_URL, default 127.0.0.1:5432), read only.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { postgresSchemaFrom } from './schema-source.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npm run db:migration -- <name in lower_snake_case>');
  process.exit(1);
}
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const current = readFileSync(here('./sqlite/schema.prisma'), 'utf8');
const committed = execFileSync('git', ['show', 'HEAD:prisma/sqlite/schema.prisma'], { cwd: here('..') }).toString();
const postgresUrl = process.env.CRISISROOM_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

for (const provider of ['sqlite', 'postgresql'] as const) {
  const [from, to] = provider === 'sqlite' ? [committed, current] : [postgresSchemaFrom(committed), postgresSchemaFrom(current)];
  // The engine connects even to compare two schemas; nothing is written to this database.
  const factory = provider === 'sqlite' ? new PrismaLibSql({ url: ':memory:' }) : new PrismaPg({ connectionString: postgresUrl });
  const path = `${provider}/schema.prisma`;
  const engine = await SchemaEngine.new({ datamodels: [[path, to]] }, () => {}, bindMigrationAwareSqlAdapterFactory(factory));
  const diff = await engine.diff({
    from: { tag: 'schemaDatamodel', files: [{ path, content: from }] },
    to: { tag: 'schemaDatamodel', files: [{ path, content: to }] },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = (diff as unknown as { stdout: string }).stdout;
  if (!sql.trim() || sql.includes('This is an empty migration')) {
    console.error('The schema has not changed since the last commit: nothing to migrate.');
    process.exit(1);
  }
  const dir = here(`./${provider}/migrations/${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/migration.sql`, sql);
  console.log(`wrote prisma/${provider}/migrations/${stamp}_${name}/migration.sql`);
}
