const notice = '// GENERATED from prisma/sqlite/schema.prisma by `npm run db:generate`: edit that file instead.\n';

/** The PostgreSQL schema is the SQLite one with the other provider and client folder. */
export function postgresSchemaFrom(sqliteSchema: string): string {
  const body = sqliteSchema.replace(/^(\/\/.*\n)+/, '');
  return notice + body.replace('provider = "sqlite"', 'provider = "postgresql"').replace('generated/sqlite"', 'generated/postgresql"');
}
