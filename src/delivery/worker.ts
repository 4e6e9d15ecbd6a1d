import type { Database } from '../db/client.ts';
import type { Clock } from '../time/clock.ts';
import type { TargetRegistry } from './target.ts';

export interface DeliveryWorkerOptions {
  db: Database;
  clock: Clock;
  targets: TargetRegistry;
  log(message: string, error?: unknown): void;
  /** How often pending deliveries are looked for when nobody wakes the worker. */
  pollMs?: number;
}

const maxBackoffMs = 5 * 60_000;

/** Capped exponential backoff with full jitter, so retries of many targets do not arrive together. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(maxBackoffMs, 1000 * 2 ** Math.min(attempt, 16)));
}

/**
 * Performs the deliveries that approvals recorded, after their transaction committed. For one
 * target, deliveries go strictly in order: a failed one holds back the later ones of that target
 * only, so one failing target never delays another.
 */
export function createDeliveryWorker({ db, clock, targets, log, pollMs = 1000 }: DeliveryWorkerOptions) {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function runOnce(): Promise<void> {
    const now = clock.now();
    const pending = await db.prisma.delivery.findMany({ where: { state: 'pending' }, orderBy: { id: 'asc' }, take: 200 });
    const blocked = new Set<string>();
    for (const delivery of pending) {
      if (stopped || blocked.has(delivery.target)) continue;
      if (delivery.nextAttemptAt && delivery.nextAttemptAt > now) {
        blocked.add(delivery.target);
        continue;
      }
      const target = targets.get(delivery.target);
      if (!target) {
        await db.prisma.delivery.update({ where: { id: delivery.id }, data: { state: 'failed', lastError: `no delivery target named ${delivery.target}` } });
        continue;
      }
      try {
        await target.deliver(delivery);
        await db.prisma.delivery.update({
          where: { id: delivery.id },
          data: { state: 'delivered', attempts: { increment: 1 }, deliveredAt: clock.now(), lastError: null, nextAttemptAt: null },
        });
      } catch (error) {
        blocked.add(delivery.target);
        const attempts = delivery.attempts + 1;
        log(`delivery ${delivery.id} to ${delivery.target} failed (attempt ${attempts})`, error);
        await db.prisma.delivery.update({
          where: { id: delivery.id },
          data: { attempts, lastError: String(error instanceof Error ? error.message : error).slice(0, 1000), nextAttemptAt: new Date(clock.now().getTime() + backoffMs(attempts)) },
        });
      }
    }
  }

  function wake(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await runOnce();
        } catch (error) {
          log('delivery pass failed', error);
        }
      } while (again && !stopped);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    wake,
    start(): void {
      void wake();
      timer = setInterval(() => void wake(), pollMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
