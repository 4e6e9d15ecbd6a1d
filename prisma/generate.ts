// Writes prisma/postgresql/schema.prisma from the SQLite schema, then generates both Prisma clients.
// Generation needs no schema engine, but the Prisma CLI looks for one first: offline, any existing
// executable satisfies that look-up (PRISMA_SCHEMA_ENGINE_BINARY), so the Node binary itself is named.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { postgresSchemaFrom } from './schema-source.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
writeFileSync(here('./postgresql/schema.prisma'), postgresSchemaFrom(readFileSync(here('./sqlite/schema.prisma'), 'utf8')));

const prisma = here('../node_modules/prisma/build/index.js');
for (const provider of ['sqlite', 'postgresql']) {
  execFileSync(process.execPath, [prisma, 'generate', '--schema', here(`./${provider}/schema.prisma`)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1', ...process.env },
  });
}
