import { type TimeReference, createVerifiedClock } from '../../time/verified-clock.ts';

export interface VerifiedNow {
  now: Date;
  /** The references that answered; empty when `now` is only this machine's own clock. */
  answered: string[];
  /** What was added to the machine's clock: negative when the machine is ahead. */
  offsetMs: number;
}

/**
 * "Now" by the references rather than by the machine this runs on: the point of repairing timestamps
 * is that a machine's clock was wrong, and this one may be too.
 */
export async function verifiedNow(references: readonly TimeReference[], log: (message: string) => void, machine?: () => number): Promise<VerifiedNow> {
  // Only failed readings are worth telling here: the offset is reported by the caller, and a wrong
  // machine clock refuses nothing in this one-off process, it is what the references correct.
  const clock = createVerifiedClock({ log, warnMs: Infinity, refuseMs: Infinity, ...(machine ? { machine } : {}) });
  for (const reference of references) clock.addReference(reference);
  const samples = await clock.check();
  return { now: clock.now(), answered: samples.map((sample) => sample.reference), offsetMs: clock.status().offsetMs ?? 0 };
}
