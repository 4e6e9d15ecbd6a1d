import type { Outbox } from '../services/outbox.ts';
import type { Clock } from '../time/clock.ts';
import { PermanentDeliveryError, type TargetRegistry, targetFor } from './target.ts';

export interface DeliveryWorkerOptions {
  outbox: Outbox;
  clock: Clock;
  targets: TargetRegistry;
  log(message: string, error?: unknown): void;
  /** Told when a delivery is given up for good, so the people running the incident hear of it. */
  onAbandoned?(deliveryId: number): void;
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
export function createDeliveryWorker({ outbox, clock, targets, log, onAbandoned, pollMs = 1000 }: DeliveryWorkerOptions) {
  let running: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;

  async function runOnce(): Promise<void> {
    const now = clock.now();
    const pending = await outbox.pending();
    const blocked = new Set<string>();
    for (const delivery of pending) {
      if (stopped || blocked.has(delivery.target)) continue;
      if (delivery.nextAttemptAt && delivery.nextAttemptAt > now) {
        blocked.add(delivery.target);
        continue;
      }
      const target = targetFor(targets, delivery.target);
      if (!target) {
        await outbox.abandoned(delivery.id, `no delivery target named ${delivery.target}`);
        continue;
      }
      try {
        await target.deliver(delivery);
        await outbox.delivered(delivery.id, clock.now());
      } catch (error) {
        blocked.add(delivery.target);
        const attempts = delivery.attempts + 1;
        if (error instanceof PermanentDeliveryError) {
          log(`delivery ${delivery.id} to ${delivery.target} abandoned: ${error.message}`);
          await outbox.abandoned(delivery.id, error.message);
          onAbandoned?.(delivery.id);
          continue;
        }
        log(`delivery ${delivery.id} to ${delivery.target} failed (attempt ${attempts})`, error);
        const message = error instanceof Error ? error.message : String(error);
        await outbox.attemptFailed(delivery.id, message, new Date(clock.now().getTime() + backoffMs(attempts)));
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
