import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { WorkItem, WorkStore } from '../domain/work.ts';
import type { Outbox } from '../db/stores/outbox.ts';
import type { Clock } from '../time/clock.ts';
import { type DeliveryJob, PermanentDeliveryError, RetryLaterError, type TargetRegistry, targetFor } from './target.ts';
import { errorMessage } from '../domain/errors.ts';

export interface WorkLoopOptions<Item extends WorkItem> {
  /** What the log calls this loop's work: "deliveries", "jobs". */
  name: string;
  store: WorkStore<Item>;
  /** Does the work; must be safe to repeat. Throws PermanentDeliveryError when retrying cannot help. */
  perform(item: Item): Promise<void | 'already-delivered'>;
  /** How the log names one piece of work: "delivery 12 to channel:3". */
  describe(item: Item): string;
  clock: Clock;
  log(message: string, error?: unknown): void;
  /** Told when a piece of work is given up for good, so the people running the incident hear of it. */
  onAbandoned?(item: Item): void;
  /** Told whenever a piece of work changed (done, retrying, failed), e.g. to refresh a card. */
  onSettled?(item: Item): void;
  /** How often due work is looked for when nobody wakes the loop. */
  pollMs?: number;
  /** Pieces of work in flight at once. */
  concurrency?: number;
  /**
   * While work is in flight, how many slots must be free before more is claimed. Each claim is a
   * query over all the waiting work, so a loop that finishes many small pieces a second claims them
   * in batches rather than one query per piece finished; with nothing in flight, it claims at once.
   */
  claimBatch?: number;
  /** How long a claim lasts without renewal: after it, another process takes the work over. */
  leaseMs?: number;
  /**
   * The replica this process is: the same across its restarts (its host and data directory), so a
   * restarted process frees at once what its killed predecessor held.
   */
  replica?: string;
  /** Names this process in claims and the attempt log; starts with the replica and a slash. */
  workerId?: string;
  /**
   * Whether work is claimed while the clock is not trusted (see pumpOnce): jobs are, so that people
   * are answered (with the refusal, for a change) rather than left waiting for the clock.
   */
  claimWhileUntrusted?: boolean;
}

export interface DeliveryWorkerOptions extends Omit<WorkLoopOptions<Delivery>, 'name' | 'store' | 'perform' | 'describe' | 'onAbandoned' | 'onSettled'> {
  outbox: Outbox;
  targets: TargetRegistry;
  onAbandoned?(deliveryId: number): void;
  onSettled?(delivery: { id: number; publicationId: number }): void;
}

type Delivery = Awaited<ReturnType<Outbox['claim']>>[number];

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
  const { outbox, targets, onAbandoned, onSettled, ...loop } = options;
  return createWorkLoop<Delivery>({
    // In a fan-out to a thousand channels deliveries finish fifty a second: claiming a quarter of
    // the slots at a time keeps the claims' queries from taking the event loop the pace's timer needs.
    claimBatch: 4,
    ...loop,
    name: 'deliveries',
    store: outbox,
    describe: (delivery) => `delivery ${delivery.id} to ${delivery.target}`,
    perform: async (delivery) => {
      const target = targetFor(targets, delivery.target);
      if (!target) throw new PermanentDeliveryError(`no delivery target named ${delivery.target}`);
      const job: DeliveryJob = { ...delivery, attempts: delivery.attempts - 1 };
      return target.deliver(job);
    },
    ...(onAbandoned ? { onAbandoned: (delivery: Delivery) => onAbandoned(delivery.id) } : {}),
    ...(onSettled ? { onSettled: (delivery: Delivery) => onSettled({ id: delivery.id, publicationId: delivery.publicationId }) } : {}),
  });
}

/**
 * Claims work from a store with a lease, performs it, and records how each attempt ended: done,
 * retried later (capped jittered backoff, never sooner than a platform's Retry-After) or given up.
 * Several processes share a store; a killed one's claims are taken over when its lease runs out, or
 * at once by its own successor.
 */
export function createWorkLoop<Item extends WorkItem>(options: WorkLoopOptions<Item>) {
  const { store, clock, log, onAbandoned, onSettled, describe, pollMs = 1000, concurrency = 16, claimBatch = 1, leaseMs = 60_000 } = options;
  const replica = options.replica ?? hostname();
  const workerId = options.workerId ?? `${replica}/${process.pid}:${randomUUID().slice(0, 8)}`;
  const inFlight = new Map<number, Promise<void>>();
  let pumping: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  let poll: NodeJS.Timeout | null = null;
  let renewal: NodeJS.Timeout | null = null;

  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  async function perform(item: Item): Promise<void> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    try {
      const outcome = await options.perform(item);
      await store.succeeded(item.id, workerId, clock.now(), outcome ?? 'delivered', elapsed());
    } catch (error) {
      if (error instanceof PermanentDeliveryError) {
        log(`${describe(item)} abandoned: ${error.message}`);
        if (await store.abandoned(item.id, workerId, clock.now(), error.message, elapsed())) onAbandoned?.(item);
      } else {
        const wait =
          error instanceof RetryLaterError && error.exact
            ? error.retryAfterMs
            : Math.max(backoffMs(item.attempts), error instanceof RetryLaterError ? error.retryAfterMs : 0);
        log(`${describe(item)} failed (attempt ${item.attempts}), next try in ${Math.round(wait / 1000)} s`, error);
        await store.attemptFailed(item.id, workerId, clock.now(), errorMessage(error), later(wait), elapsed());
      }
    }
    onSettled?.(item);
  }

  /**
   * Claims what is due and starts it, until nothing more is due or too few slots are free (see
   * claimBatch). A claim dates things (the lease's end, the attempt, the next retry), so while the
   * clock is not trusted nothing is claimed: the deliveries wait in the outbox for another replica whose clock is right, or for this
   * one once its clock is trusted again (the poll goes on). Claiming at the references' time would
   * deliver sooner, but a refused clock means the time is in doubt, and a lease dated a year ahead would
   * keep every replica off the delivery for that year. Deliveries already in flight finish, recorded at
   * now(), which the verified clock corrects by its references while any has answered recently.
   */
  async function pumpOnce(): Promise<void> {
    if (!options.claimWhileUntrusted && !clock.trust().trusted) return;
    while (!stopped && concurrency - inFlight.size >= (inFlight.size === 0 ? 1 : Math.min(claimBatch, concurrency))) {
      const claimed = await store.claim({ worker: workerId, now: clock.now(), leaseUntil: later(leaseMs), limit: concurrency - inFlight.size });
      if (claimed.length === 0) {
        await wakeAtNextRetry();
        return;
      }
      for (const item of claimed) {
        const run = perform(item)
          .catch((error: unknown) => log(`${describe(item)} could not be recorded`, error))
          .finally(() => {
            inFlight.delete(item.id);
            void pump();
          });
        inFlight.set(item.id, run);
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
          log('claiming work failed', error);
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
    const due = await store.nextDue(clock.now());
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
      const released = await store.releaseDeadClaims(replica, workerId);
      if (released > 0) log(`${options.name}: took up ${released} left claimed by this replica's previous process`);
      void pump();
      poll = setInterval(() => void pump(), pollMs);
      poll.unref();
      renewal = setInterval(() => {
        if (inFlight.size > 0)
          store.renew([...inFlight.keys()], workerId, later(leaseMs)).catch((error: unknown) => log(`${options.name}: renewing claims failed`, error));
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
