// Resident memory under a flood of requests. The embedded SQLite driver frees each statement's native
// memory only once the JavaScript object holding it is collected, and V8, which does not see that
// memory, collects its old generation rarely while its own heap looks small: under a flood of slash
// commands the process grew past 800 MB. While the process is busy, a full collection every half
// second keeps it near 300 MB (`bench/command-crash.ts` measures it) for about 5% of one core; an
// idle process is left alone.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface CollectWhileBusy {
  /** How often to look, and to collect if the event loop was busy for more than `busyAbove` of it. */
  everyMs: number;
  busyAbove: number;
}

export function collectWhileBusy({ everyMs, busyAbove }: CollectWhileBusy = { everyMs: 500, busyAbove: 0.25 }): { stop(): void } {
  // Node offers the collector only to contexts made after the flag is set: this one gets it, the
  // application's global scope does not.
  setFlagsFromString('--expose-gc');
  const collect = runInNewContext('gc') as () => void;
  let since = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const busy = performance.eventLoopUtilization(performance.eventLoopUtilization(), since).utilization;
    if (busy > busyAbove) collect();
    since = performance.eventLoopUtilization();
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
