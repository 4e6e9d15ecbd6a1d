/**
 * The one source of "now" in crisisroom. Everything that stamps, compares or shows an instant asks a
 * Clock; nothing else reads the machine's wall clock, so the clock can be verified and replaced.
 */
export interface Clock {
  now(): Date;
  /** Whether the clock may be trusted to stamp records; the reason when it may not. */
  trust(): { trusted: true } | { trusted: false; reason: string };
}

/** The machine's own wall clock, unverified: what the verified clock corrects. */
export function machineTime(): number {
  return Date.now();
}

export const systemClock: Clock = {
  now: () => new Date(),
  trust: () => ({ trusted: true }),
};

/** A clock that stands still until moved: for tests and deterministic replays. */
export function manualClock(start: Date): Clock & { set(instant: Date): void; advance(ms: number): void } {
  let current = new Date(start.getTime());
  return {
    now: () => new Date(current.getTime()),
    trust: () => ({ trusted: true }),
    set: (instant) => {
      current = new Date(instant.getTime());
    },
    advance: (ms) => {
      current = new Date(current.getTime() + ms);
    },
  };
}
