import { describe, expect, test } from 'vitest';
import { checkClock } from '../../../src/cli/doctor/clock-check.ts';
import type { TimeReference } from '../../../src/time/verified-clock.ts';

const now = Date.UTC(2021, 8, 15, 13, 50);
const year = 365 * 86_400_000;

/** A reference whose clock reads `offsetMs` away from the true time; the machine's is set per test. */
const reference = (name: string, offsetMs = 0): TimeReference => ({ name, read: async () => ({ time: now + offsetMs, resolutionMs: 0 }) });
const verify = (references: TimeReference[], machineOffsetMs: number) =>
  checkClock({ references, warnSeconds: 2, refuseSeconds: 60, machine: () => now + machineOffsetMs });
const check = async (references: TimeReference[], machineOffsetMs: number) => (await verify(references, machineOffsetMs)).lines;

describe('the clock check', () => {
  test('in step: each reading and the median PASS', async () => {
    const lines = await check([reference('postgresql'), reference('slack', 300)], 0);
    expect(lines.map((l) => l.level)).toEqual(['pass', 'pass', 'pass']);
    // Each reading is taken halfway through its round trip, which a busy machine stretches by milliseconds.
    const [, slack, spread] = /^slack \+(\d\.\d{3}) s \(±(\d\.\d{3}) s\): machine behind$/.exec(lines[1]!.detail) ?? [];
    expect(Number(slack)).toBeCloseTo(0.3, 1);
    expect(Number(spread)).toBeLessThan(0.1);
    const [, median] = /^median (\d\.\d{3}) s behind postgresql, slack \(within the 2 s warning threshold\)$/.exec(lines[2]!.detail) ?? [];
    expect(Number(median)).toBeCloseTo(0.15, 1);
  });

  test('the seed incident: a machine a year ahead FAILs, in seconds and in words', async () => {
    const lines = await check([reference('postgresql'), reference('slack')], year);
    expect(lines.map((l) => l.level)).toEqual(['fail', 'fail', 'fail']);
    expect(lines[0]!.detail).toMatch(/^postgresql -31536000\.0 s \(±0\.0\d\d s\): machine ahead$/);
    expect(lines[2]!.detail).toBe('median 31536000.0 s ahead of postgresql, slack (refused above 60 s)');
  });

  test('between the thresholds: WARN with both thresholds named', async () => {
    const [line] = (await check([reference('postgresql')], -5000)).slice(-1);
    expect(line).toEqual({
      level: 'warn',
      subject: 'clock',
      detail: expect.stringMatching(/^\d\.\d{3} s behind postgresql \(warning above 2 s, refused above 60 s\)$/),
    });
    // Five seconds, give or take half a round trip, which a busy machine stretches (either way: the reading is taken halfway through it).
    expect(Number.parseFloat(line!.detail)).toBeGreaterThan(4.5);
    expect(Number.parseFloat(line!.detail)).toBeLessThan(5.5);
  });

  test('one reference out of line among three only WARNs: the server trusts the median', async () => {
    const lines = await check([reference('postgresql'), reference('slack', year), reference('statuspage')], 0);
    expect(lines.map((l) => l.level)).toEqual(['pass', 'warn', 'pass', 'pass']);
  });

  test('a reference that does not answer: WARN with the reason; none answering: WARN unverified', async () => {
    const broken: TimeReference = { name: 'slack', read: async () => Promise.reject(new Error('slack sent no readable Date header')) };
    const lines = await check([reference('postgresql'), broken], 0);
    expect(lines[1]).toEqual({ level: 'warn', subject: 'clock', detail: 'slack did not answer: slack sent no readable Date header' });
    // In step with the one reference that answered, give or take the milliseconds a busy machine adds to the round trip.
    expect(lines[2]!.detail).toMatch(/^0\.0\d\d s (behind|ahead of) postgresql/);
    const hanging: TimeReference = { name: 'statuspage', read: () => new Promise(() => {}) };
    const silent = await checkClock({ references: [hanging], warnSeconds: 2, refuseSeconds: 60, readTimeoutMs: 50 });
    expect(silent.lines).toEqual([
      { level: 'warn', subject: 'clock', detail: 'statuspage did not answer: no answer within 0.05 s' },
      { level: 'warn', subject: 'clock', detail: 'no reference answered: the clock could not be verified' },
    ]);
  });

  test('no reference at all (SQLite, no platform): WARN, nothing to verify against', async () => {
    expect(await check([], 0)).toEqual([{ level: 'warn', subject: 'clock', detail: expect.stringMatching(/^nothing to verify the clock against/) }]);
  });

  test("the now the other checks judge by is the references' time, and the machine's only when none answers", async () => {
    const ahead = await verify([reference('postgresql'), reference('slack')], year);
    expect(Math.abs(ahead.now.getTime() - now)).toBeLessThan(1000);
    expect((await verify([], year)).now.getTime()).toBe(now + year);
  });
});
