import { type Clock, machineTime } from './clock.ts';
import { errorMessage } from '../domain/errors.ts';

/** One independent source of the time of day: a database server, a platform's API. */
export interface TimeReference {
  readonly name: string;
  /** The reference's time, in ms since the epoch, and how coarse it is (an HTTP Date header: 1 s). */
  read(): Promise<{ time: number; resolutionMs: number }>;
}

/** How far the machine's clock is from one reference, measured once. */
interface TimeSample {
  reference: string;
  /** Add to the machine's time to get the reference's: negative when the machine is ahead. */
  offsetMs: number;
  /** Half the round trip plus the reference's resolution: the offset is known to about this. */
  uncertaintyMs: number;
  /** performance.now() when taken: freshness is measured on the monotonic timer, never on the clock being judged. */
  takenAt: number;
  /** The machine's time minus the monotonic timer when taken: a later change of it means the machine's clock was stepped. */
  machineMinusMonotonic: number;
}

export interface VerifiedClockOptions {
  /** Beyond this offset the clock is logged and reported (default 2 s). */
  warnMs?: number;
  /** Beyond this offset nothing is stamped and nothing approved (default 60 s). */
  refuseMs?: number;
  /** Samples older than this are not used (default 5 min). */
  freshMs?: number;
  /** How often every reference is read (default 60 s). */
  checkEveryMs?: number;
  /** How long one reading may take before it is dropped (default 5 s). */
  readTimeoutMs?: number;
  log(message: string, error?: unknown): void;
  /** The machine's wall clock; tests move it. */
  machine?: () => number;
}

export interface ClockStatus {
  /** The median offset of the fresh samples, null when there is none. */
  offsetMs: number | null;
  samples: TimeSample[];
  trust: ReturnType<Clock['trust']>;
}

export interface VerifiedClock extends Clock {
  addReference(reference: TimeReference): void;
  /** Told when the clock becomes untrusted, or trusted again. */
  onTrustChange(listener: (trust: ReturnType<Clock['trust']>, offsetMs: number | null) => void): void;
  /** A sample taken elsewhere, e.g. from a verified Slack request's timestamp. */
  observe(reference: string, referenceTime: number, resolutionMs: number): void;
  /** Reads every reference once, now. */
  check(): Promise<TimeSample[]>;
  status(): ClockStatus;
  /** Reads every reference every `checkEveryMs` from now on; the first reading is the caller's own `check()`. */
  start(): void;
  stop(): void;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(ms !== 0 && Math.abs(ms) < 10_000 ? 1 : 0)} s`;

/** "31536000 s ahead of postgresql, slack" */
function describeOffset(offsetMs: number, references: string[]): string {
  return `${seconds(Math.abs(offsetMs))} ${offsetMs < 0 ? 'ahead of' : 'behind'} ${references.join(', ')}`;
}

/**
 * The machine's clock, checked against independent references: the latest fresh sample of each is
 * kept, and their median is the offset. `now()` is the machine's time corrected by that offset.
 * Beyond `refuseMs` the clock is not trusted — records are not stamped and updates not approved —
 * until the references agree with it again. With no fresh sample at all there is nothing to judge
 * by, and the machine's clock is used as it is.
 */
export function createVerifiedClock(options: VerifiedClockOptions): VerifiedClock {
  const { warnMs = 2000, refuseMs = 60_000, freshMs = 5 * 60_000, checkEveryMs = 60_000, readTimeoutMs = 5000, log } = options;
  const machine = options.machine ?? machineTime;
  const references: TimeReference[] = [];
  const latest = new Map<string, TimeSample>();
  let lastTrusted = true;
  let warned = false;
  let timer: NodeJS.Timeout | null = null;
  const listeners: ((trust: ReturnType<Clock['trust']>, offsetMs: number | null) => void)[] = [];

  /**
   * The fresh samples, each carried forward on the monotonic timer: if the machine's clock was
   * stepped since a sample (the seed incident's jump to 2022), the sample's offset moves by the
   * step at once, without waiting for the next reading.
   */
  const fresh = (): TimeSample[] => {
    const step = machine() - performance.now();
    return [...latest.values()]
      .filter((sample) => performance.now() - sample.takenAt <= freshMs)
      .map((sample) => ({ ...sample, offsetMs: sample.offsetMs - (step - sample.machineMinusMonotonic) }));
  };
  const offset = (samples = fresh()) => (samples.length > 0 ? median(samples.map((s) => s.offsetMs)) : null);
  const sampleOf = (reference: string, referenceTime: number, machineAt: number, uncertaintyMs: number): TimeSample => ({
    reference,
    offsetMs: referenceTime - machineAt,
    uncertaintyMs,
    takenAt: performance.now(),
    machineMinusMonotonic: machine() - performance.now(),
  });

  function judge(samples: TimeSample[]): ReturnType<Clock['trust']> {
    const off = offset(samples);
    if (off === null || Math.abs(off) <= refuseMs) return { trusted: true };
    return {
      trusted: false,
      reason: `the clock is ${describeOffset(
        off,
        samples.map((s) => s.reference),
      )}, beyond the ${seconds(refuseMs)} allowed`,
    };
  }

  /** Logs crossings of the thresholds once each way, and tells who must know when trust changes. */
  function review(): void {
    const samples = fresh();
    const off = offset(samples);
    const trust = judge(samples);
    if (trust.trusted !== lastTrusted) {
      lastTrusted = trust.trusted;
      log(trust.trusted ? `clock: trusted again (offset ${seconds(off ?? 0)})` : `clock: NOT trusted: ${trust.reason}; stamping and approvals are refused`);
      for (const listener of listeners) listener(trust, off);
    }
    const drifting = off !== null && Math.abs(off) > warnMs;
    if (drifting && !warned)
      log(
        `clock: warning: ${describeOffset(
          off,
          samples.map((s) => s.reference),
        )} (warning above ${seconds(warnMs)})`,
      );
    if (!drifting && warned) log('clock: back within the warning threshold');
    warned = drifting;
  }

  function record(sample: TimeSample): void {
    latest.set(sample.reference, sample);
    review();
  }

  async function readOne(reference: TimeReference): Promise<TimeSample | null> {
    const before = machine();
    const started = performance.now();
    let timeout: NodeJS.Timeout | undefined;
    try {
      const reading = await Promise.race([
        reference.read(),
        new Promise<never>((_, reject) => {
          timeout = setTimeout(() => reject(new Error(`no answer within ${readTimeoutMs / 1000} s`)), readTimeoutMs);
        }),
      ]);
      const roundTrip = performance.now() - started;
      const sample = sampleOf(reference.name, reading.time, before + roundTrip / 2, roundTrip / 2 + reading.resolutionMs);
      record(sample);
      return sample;
    } catch (error) {
      log(`clock: reading ${reference.name} failed: ${errorMessage(error)}`);
      return null;
    } finally {
      clearTimeout(timeout);
    }
  }

  const clock: VerifiedClock = {
    now: () => new Date(machine() + (offset() ?? 0)),
    trust: () => judge(fresh()),
    addReference: (reference) => {
      references.push(reference);
    },
    onTrustChange: (listener) => {
      listeners.push(listener);
    },
    observe: (reference, referenceTime, resolutionMs) => {
      record(sampleOf(reference, referenceTime, machine(), resolutionMs));
    },
    check: async () => (await Promise.all(references.map(readOne))).filter((sample): sample is TimeSample => sample !== null),
    status: () => {
      const samples = fresh();
      return { offsetMs: offset(samples), samples, trust: judge(samples) };
    },
    start: () => {
      timer = setInterval(() => void clock.check(), checkEveryMs);
      timer.unref();
    },
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
  return clock;
}

export function isVerifiedClock(clock: Clock): clock is VerifiedClock {
  return 'observe' in clock && 'addReference' in clock;
}
