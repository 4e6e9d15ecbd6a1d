import { z } from 'zod';

const unitMs: Record<string, number> = { h: 3600_000, d: 86_400_000, w: 7 * 86_400_000 };
/** A century back is all of any history; more is a typo. */
const longestMs = 36_525 * 86_400_000;

/**
 * How far back `--since` looks, as typed: `90d`, `12w`, `48h`. The span, in milliseconds, is taken
 * back from the verified now by the service, so it needs no zone.
 */
export const SinceSpan = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const match = /^(\d{1,6})\s*([hdw])$/i.exec(text);
    const span = match ? Number(match[1]) * unitMs[match[2]!.toLowerCase()]! : Number.NaN;
    if (!(span > 0 && span <= longestMs)) {
      ctx.addIssue({ code: 'custom', message: `--since takes a span back from now, like 90d, 12w or 48h, of at most 36525d (got "${text}").` });
      return z.NEVER;
    }
    return span;
  });

/** `90 days`, `12 weeks`, `48 hours`: the span as the replies name it. */
export function spanText(ms: number): string {
  for (const [unit, name] of [
    ['w', 'week'],
    ['d', 'day'],
    ['h', 'hour'],
  ] as const) {
    const count = ms / unitMs[unit]!;
    if (Number.isInteger(count)) return `${count} ${name}${count === 1 ? '' : 's'}`;
  }
  return `${ms} ms`;
}
