import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Outbox } from '../services/outbox.ts';
import type { Clock } from '../time/clock.ts';
import { type DeliveryJob, PermanentDeliveryError, RetryLaterError, type TargetRegistry, targetFor } from './target.ts';
import { errorMessage } from '../domain/errors.ts';

export interface DeliveryWorkerOptions {
  outbox: Outbox;
  clock: Clock;
  targets: TargetRegistry;
  log(message: string, error?: unknown): void;
  /** Told when a delivery is given up for good, so the people running the incident hear of it. */
  onAbandoned?(deliveryId: number): void;
  /** Told whenever a delivery's state changed (delivered, retrying, failed), e.g. to refresh a card. */
  onSettled?(delivery: { id: number; publicationId: number }): void;
  /** How often due deliveries are looked for when nobody wakes the worker. */
  pollMs?: number;
  /** Deliveries in flight at once, each to a different target. */
  concurrency?: number;
  /** How long a claim lasts without renewal: after it, another process takes the delivery over. */
  leaseMs?: number;
  /**
   * The replica this process is: the same across its restarts (its host and data directory), so a
   * restarted process frees at once what its killed predecessor held.
   */
  replica?: string;
  /** Names this process in claims and the attempt log; starts with the replica and a slash. */
  workerId?: string;
}

const maxBackoffMs = 5 * 60_000;

/**
 * Capped exponential backoff with full jitter, so retries of many targets do not arrive together.
 * The first retry comes within a second: most platform failures are momentary, and a platform that
 * wants longer says so with Retry-After.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(maxBackoffMs, 500 * 2 ** Math.min(attempt, 16)));
}

/**
 * Performs the deliveries that approvals recorded, after their transaction committed. Deliveries are
 * claimed from the database with a lease, so several processes share the work and a killed one's
 * claims are taken over when its lease runs out. For one target, deliveries go strictly in order: a
 * failed one holds back the later ones of that target only, so one failing target never delays another.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const { outbox, clock, targets, log, onAbandoned, onSettled, pollMs = 1000, concurrency = 16, leaseMs = 60_000 } = options;
  const replica = options.replica ?? hostname();
  const workerId = options.workerId ?? `${replica}/${process.pid}:${randomUUID().slice(0, 8)}`;
  const inFlight = new Map<number, Promise<void>>();
  let pumping: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let poll: NodeJS.Timeout | null = null;
  let renewal: NodeJS.Timeout | null = null;

  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  async function perform(delivery: Awaited<ReturnType<Outbox['claim']>>[number]): Promise<void> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const job: DeliveryJob = { ...delivery, attempts: delivery.attempts - 1 };
    const target = targetFor(targets, delivery.target);
    try {
      if (!target) throw new PermanentDeliveryError(`no delivery target named ${delivery.target}`);
      const outcome = await target.deliver(job);
      await outbox.delivered(delivery.id, workerId, clock.now(), outcome ?? 'delivered', elapsed());
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        log(`delivery ${delivery.id} to ${delivery.target} abandoned: ${error.message}`);
        if (await outbox.abandoned(delivery.id, workerId, clock.now(), error.message, elapsed())) onAbandoned?.(delivery.id);
      } else {
        const wait = Math.max(backoffMs(delivery.attempts), error instanceof RetryLaterError ? error.retryAfterMs : 0);
        log(`delivery ${delivery.id} to ${delivery.target} failed (attempt ${delivery.attempts}), next try in ${Math.round(wait / 1000)} s`, error);
        await outbox.attemptFailed(delivery.id, workerId, clock.now(), errorMessage(error), later(wait), elapsed());
      }
    }
    onSettled?.({ id: delivery.id, publicationId: delivery.publicationId });
  }

  /**
   * Claims what is due and starts it, until nothing more is due or every slot is busy. A claim dates
   * things (the lease's end, the attempt, the next retry), so while the clock is not trusted nothing is
   * claimed: the deliveries wait in the outbox for another replica whose clock is right, or for this
   * one once its clock is trusted again (the poll goes on). Claiming at the references' time would
   * deliver sooner, but a refused clock means the time is in doubt, and a lease dated a year ahead would
   * keep every replica off the delivery for that year. Deliveries already in flight finish, recorded at
   * now(), which the verified clock corrects by its references while any has answered recently.
   */
  async function pumpOnce(): Promise<void> {
    if (!clock.trust().trusted) return;
    while (!stopped && inFlight.size < concurrency) {
      const claimed = await outbox.claim({ worker: workerId, now: clock.now(), leaseUntil: later(leaseMs), limit: concurrency - inFlight.size });
      if (claimed.length === 0) {
        await wakeAtNextRetry();
        return;
      }
      for (const delivery of claimed) {
        const run = perform(delivery)
          .catch((error: unknown) => log(`delivery ${delivery.id} could not be recorded`, error))
          .finally(() => {
            inFlight.delete(delivery.id);
            void pump();
          });
        inFlight.set(delivery.id, run);
      }
    }
  }

  function pump(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (pumping) {
      again = true;
      return pumping;
    }
    pumping = (async () => {
      do {
        again = false;
        try {
          await pumpOnce();
        } catch (error) {
          log('claiming deliveries failed', error);
        }
      } while (again && !stopped);
    })().finally(() => {
      pumping = null;
    });
    return pumping;
  }

  let retryTimer: NodeJS.Timeout | null = null;
  /** With nothing due now, wakes the worker when the earliest retry falls due, sooner than the next poll would. */
  async function wakeAtNextRetry(): Promise<void> {
    const due = await outbox.nextDue(clock.now());
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = null;
    const ms = due ? due.getTime() - clock.now().getTime() : Infinity;
    if (stopped || ms >= pollMs) return;
    retryTimer = setTimeout(() => void pump(), Math.max(0, ms) + 5);
    retryTimer.unref();
  }

  /** Resolves once nothing due is left to claim and every delivery started has ended. */
  async function drain(): Promise<void> {
    do {
      await pump();
      await Promise.all(inFlight.values());
    } while (!stopped && (inFlight.size > 0 || pumping));
  }

  return {
    workerId,
    wake: drain,
    async start(): Promise<void> {
      const released = await outbox.releaseDeadClaims(replica, workerId);
      if (released > 0) log(`deliveries: took up ${released} left claimed by this replica's previous process`);
      void pump();
      poll = setInterval(() => void pump(), pollMs);
      poll.unref();
      renewal = setInterval(() => {
        if (inFlight.size > 0) outbox.renew([...inFlight.keys()], workerId, later(leaseMs)).catch((error: unknown) => log('renewing delivery claims failed', error));
      }, leaseMs / 3);
      renewal.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      for (const timer of [poll, renewal]) if (timer) clearInterval(timer);
      if (retryTimer) clearTimeout(retryTimer);
      await pumping;
      await Promise.all(inFlight.values());
    },
  };
}
