import type { Log } from '../log.ts';

/**
 * Runs `task` every `intervalMs`, never two at once, until stopped: work found by looking (follow-ups
 * that became overdue) rather than caused by a change. The task decides from the verified clock
 * whether anything is due; the interval only sets how soon after that it is noticed.
 */
export function every(name: string, intervalMs: number, task: () => Promise<unknown>, log: Log) {
  let running: Promise<unknown> | null = null;
  const run = () => {
    running ??= task()
      .catch((error: unknown) => log(`${name} failed`, error))
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop(): Promise<void> {
      clearInterval(timer);
      await running;
    },
  };
}
