import { type RateWindow, createRateWindows } from './rate-windows.ts';

/** Calls that take turns within a platform's rate, highest priority first, then in order. */
export interface Pace {
  add<T>(work: () => Promise<T>, options?: { priority?: number }): Promise<T>;
}

/**
 * A workspace's (or tenant's) calls in one queue, each going out as soon as the rate's sliding
 * window has room. Turns are not spaced by timers, whose lateness would add up call after call: a
 * late call delays only the one that takes its place a window later, so a fan-out runs at the rate
 * itself. Counted from each call's answer (see rate-windows.ts), so no window of the platform's
 * ever holds more than the rate.
 */
export function createPace(perSecond: number): Pace {
  const windows = createRateWindows({ margin: 1.005 });
  const limits: RateWindow[] = [{ key: 'pace', limit: perSecond, ms: 1000 }];
  const waiting: { priority: number; start: () => void }[] = [];
  let timer: NodeJS.Timeout | null = null;

  function pump(): void {
    timer = null;
    while (waiting.length > 0) {
      const wait = windows.waitFor(limits);
      if (wait > 0) {
        timer = setTimeout(pump, wait);
        return;
      }
      // Starting a call counts it at once, before the next is considered.
      waiting.shift()!.start();
    }
  }

  return {
    add<T>(work: () => Promise<T>, { priority = 0 } = {}): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const at = waiting.findIndex((other) => other.priority < priority);
        waiting.splice(at < 0 ? waiting.length : at, 0, { priority, start: () => void windows.run(limits, work).then(resolve, reject) });
        if (!timer) pump();
      });
    },
  };
}
