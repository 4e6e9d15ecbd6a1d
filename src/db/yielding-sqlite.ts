import { setImmediate as nextTurn } from 'node:timers/promises';
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';

/**
 * The embedded SQLite driver answers synchronously and lets one query in at a time: when a query
 * ends, the next one waiting runs in the same microtask checkpoint, and so on down the queue. Under
 * load that queue can hold the event loop for a second, during which no request is even read (a
 * slash command must be acknowledged within 3 s). Each query and transaction started from outside
 * a transaction therefore waits for the next turn of the event loop first, so waiting requests
 * are read between queries. Queries inside a transaction do not: the transaction holds the
 * database and should end soon.
 */
export function yieldingBetweenQueries(factory: SqlDriverAdapterFactory): SqlDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => yielding(await factory.connect()),
  };
}

function yielding(adapter: SqlDriverAdapter): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property !== 'queryRaw' && property !== 'executeRaw' && property !== 'startTransaction')
        return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: unknown[]) => {
        await nextTurn();
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
