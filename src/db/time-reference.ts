import type { TimeReference } from '../time/verified-clock.ts';
import type { Database } from './client.ts';

/** The PostgreSQL server's own clock (`now()`, to the microsecond): a reference on another machine. */
export function databaseTimeReference(db: Database): TimeReference | null {
  if (db.provider !== 'postgresql') return null;
  return {
    name: 'postgresql',
    read: async () => {
      const [row] = await db.prisma.$queryRaw<{ now: Date }[]>`SELECT clock_timestamp() AS now`;
      return { time: new Date(row!.now).getTime(), resolutionMs: 0 };
    },
  };
}
