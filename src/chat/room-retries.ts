import { AsyncLocalStorage } from 'node:async_hooks';
import { PermanentDeliveryError, RetryLaterError } from '../delivery/target.ts';
import { backoffMs } from '../delivery/worker.ts';
import { errorMessage } from '../domain/errors.ts';
import type { Job } from '../db/stores/jobs.ts';

/**
 * How a room job's failures are retried. A room job is several platform calls, each safe to
 * repeat: its backoff grows while the same call keeps failing, and starts over when a later call
 * fails instead. Otherwise a room whose every call fails once would wait minutes by its last step.
 * The platform's Retry-After is honoured either way.
 */
export function createRoomRetries() {
  // The call the job being done is making: a failure's backoff depends on which call failed.
  const steps = new AsyncLocalStorage<{ call?: string }>();
  const lastFailure = new Map<number, { call: string | undefined; failures: number }>();

  function retryOf(job: Job, call: string | undefined, error: unknown): unknown {
    if (error instanceof PermanentDeliveryError) {
      lastFailure.delete(job.id);
      return error;
    }
    const before = lastFailure.get(job.id);
    const failures = before && before.call === call ? before.failures + 1 : 1;
    lastFailure.set(job.id, { call, failures });
    const wait = Math.max(backoffMs(failures), error instanceof RetryLaterError ? error.retryAfterMs : 0);
    return new RetryLaterError(errorMessage(error), wait, { exact: true });
  }

  return {
    /** Names the platform call the current job is about to make. */
    calling(call: string): void {
      const step = steps.getStore();
      if (step) step.call = call;
    },
    /**
     * Does one room job; throws as the job loop expects (permanent, retry later, or retry), after
     * `classify` tells the platform's refusals from its bad moments, by the call that failed.
     */
    async perform(job: Job, work: () => Promise<void>, classify: (call: string, error: unknown) => unknown = (_call, error) => error): Promise<void> {
      const step: { call?: string } = {};
      try {
        await steps.run(step, work);
        lastFailure.delete(job.id);
      } catch (error) {
        throw retryOf(job, step.call, classify(step.call ?? 'room work', error));
      }
    },
  };
}
