import { type TimeReference, createVerifiedClock } from '../../time/verified-clock.ts';
import { type CheckLine, type Level, reasonOf, warn } from './check-line.ts';

export interface ClockCheckOptions {
  /** The references the server would use with this configuration. */
  references: TimeReference[];
  warnSeconds: number;
  refuseSeconds: number;
  readTimeoutMs?: number;
  /** The machine's wall clock; tests set it instead of shifting the process's clock. */
  machine?: () => number;
}

/** Whole milliseconds for small offsets; a tenth of a second is plenty for a clock a year out. */
const amount = (ms: number) => `${(Math.abs(ms) / 1000).toFixed(Math.abs(ms) < 10_000 ? 3 : 1)} s`;
const signed = (ms: number) => `${ms < 0 ? '-' : '+'}${amount(ms)}`;
/** A sample's offset is reference minus machine: positive when the machine is behind. */
const direction = (ms: number) => (ms < 0 ? 'ahead' : 'behind');

/**
 * Reads every reference once through the same verified clock the server runs, and reports each
 * reading and the median against the thresholds. Each reading's line is as bad as its own offset,
 * but no worse than a warning when the median is fine: one reference out of line does not stop the
 * server, which trusts the median. Also returns now by that clock, which the other checks judge by.
 */
export async function checkClock(options: ClockCheckOptions): Promise<{ lines: CheckLine[]; now: Date }> {
  const { references, warnSeconds, refuseSeconds, readTimeoutMs = 5000 } = options;
  const warnMs = warnSeconds * 1000;
  const refuseMs = refuseSeconds * 1000;
  const levelOf = (ms: number): Level => (Math.abs(ms) > refuseMs ? 'fail' : Math.abs(ms) > warnMs ? 'warn' : 'pass');
  const clock = createVerifiedClock({
    warnMs,
    refuseMs,
    readTimeoutMs,
    // The doctor prints its own verdict below; the clock's running commentary would repeat it.
    log: () => {},
    ...(options.machine ? { machine: options.machine } : {}),
  });
  if (references.length === 0) {
    return { lines: [warn('clock', 'nothing to verify the clock against (no reachable PostgreSQL, no Slack or Statuspage configured)')], now: clock.now() };
  }
  const failures = new Map<string, string>();
  for (const reference of references) {
    clock.addReference({
      name: reference.name,
      read: () =>
        reference.read().catch((error: unknown) => {
          failures.set(reference.name, reasonOf(error));
          throw error;
        }),
    });
  }
  const samples = await clock.check();
  const { offsetMs } = clock.status();
  const verdict = offsetMs === null ? 'warn' : levelOf(offsetMs);

  const lines: CheckLine[] = references.map((reference) => {
    const sample = samples.find((s) => s.reference === reference.name);
    if (!sample) return warn('clock', `${reference.name} did not answer: ${failures.get(reference.name) ?? `no answer within ${readTimeoutMs / 1000} s`}`);
    const { offsetMs: ms, uncertaintyMs } = sample;
    const own = levelOf(ms);
    const level: Level = own === 'pass' ? 'pass' : own === 'fail' && verdict === 'fail' ? 'fail' : 'warn';
    const words = Math.abs(ms) <= uncertaintyMs ? 'in step' : `machine ${direction(ms)}`;
    return { level, subject: 'clock', detail: `${reference.name} ${signed(ms)} (±${amount(uncertaintyMs)}): ${words}` };
  });

  if (offsetMs === null) return { lines: [...lines, warn('clock', 'no reference answered: the clock could not be verified')], now: clock.now() };
  const names = samples.map((s) => s.reference).join(', ');
  const against = `${amount(offsetMs)} ${offsetMs < 0 ? 'ahead of' : 'behind'} ${names}`;
  const thresholds = {
    pass: `within the ${warnSeconds} s warning threshold`,
    warn: `warning above ${warnSeconds} s, refused above ${refuseSeconds} s`,
    fail: `refused above ${refuseSeconds} s`,
  }[verdict];
  const median = samples.length > 1 ? 'median ' : '';
  return { lines: [...lines, { level: verdict, subject: 'clock', detail: `${median}${against} (${thresholds})` }], now: clock.now() };
}
