import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { httpDateReference } from '../../src/net/time-references.ts';
import { type TimeReference, createVerifiedClock } from '../../src/time/verified-clock.ts';

const year = 365 * 24 * 3600_000;
/** Real time without asking the machine's clock through Date: the process start plus the monotonic timer. */
const realNow = () => performance.timeOrigin + performance.now();

/** A reference that tells the real time, shifted by what the test says, or fails when told to. */
function reference(name: string, state: { skewMs: number; down?: boolean } = { skewMs: 0 }): TimeReference & { state: typeof state } {
  return {
    name,
    state,
    read: async () => {
      if (state.down) throw new Error(`${name} is down`);
      return { time: realNow() + state.skewMs, resolutionMs: 0 };
    },
  };
}

function world(machineSkewMs = 0) {
  const machine = { skewMs: machineSkewMs };
  const log: string[] = [];
  const clock = createVerifiedClock({ machine: () => realNow() + machine.skewMs, log: (m) => log.push(m) });
  const changes: boolean[] = [];
  clock.onTrustChange((trust) => changes.push(trust.trusted));
  return { clock, machine, log, changes };
}

describe('the verified clock', () => {
  test("with references agreeing, now() is the references' time and it is trusted", async () => {
    const { clock } = world(1500);
    clock.addReference(reference('postgresql'));
    clock.addReference(reference('slack'));
    await clock.check();
    expect(clock.trust()).toEqual({ trusted: true });
    expect(Math.abs(clock.now().getTime() - realNow())).toBeLessThan(50);
    expect(clock.status().offsetMs).toBeCloseTo(-1500, -2);
  });

  test('the median of the references wins over one that is wrong', async () => {
    const { clock } = world();
    for (const [name, skewMs] of [
      ['postgresql', 0],
      ['slack', 20],
      ['statuspage', 3 * year],
    ] as const)
      clock.addReference(reference(name, { skewMs }));
    await clock.check();
    expect(clock.trust()).toEqual({ trusted: true });
    expect(Math.abs(clock.now().getTime() - realNow())).toBeLessThan(100);
  });

  test("the machine's clock jumping a year ahead (the seed incident) is refused at once, and trusted again when it comes back", async () => {
    const { clock, machine, log, changes } = world();
    clock.addReference(reference('postgresql'));
    clock.addReference(reference('slack'));
    await clock.check();
    expect(clock.trust().trusted).toBe(true);

    machine.skewMs = year;
    // No new reading yet: the step is seen against the monotonic timer.
    const trust = clock.trust();
    expect(trust.trusted).toBe(false);
    expect(!trust.trusted && trust.reason).toMatch(/^the clock is 3153[56]\d{3} s ahead of postgresql, slack, beyond the 60 s allowed$/);
    // Whatever asks for the time meanwhile still gets the references' time, not 2022's.
    expect(Math.abs(clock.now().getTime() - realNow())).toBeLessThan(100);
    await clock.check();
    expect(clock.trust().trusted).toBe(false);
    expect(changes).toEqual([false]);
    expect(log.some((line) => line.startsWith('clock: NOT trusted: the clock is 3153'))).toBe(true);

    machine.skewMs = 0;
    await clock.check();
    expect(clock.trust()).toEqual({ trusted: true });
    expect(changes).toEqual([false, true]);
    expect(log.at(-1)).toMatch(/^clock: (trusted again|back within the warning threshold)/);
  });

  test('a minute behind is refused; thirty seconds behind is warned about and corrected', async () => {
    const behind = world(-61_000);
    behind.clock.addReference(reference('postgresql'));
    await behind.clock.check();
    expect(behind.clock.trust()).toEqual({
      trusted: false,
      reason: expect.stringMatching(/^the clock is 6[01] s behind postgresql, beyond the 60 s allowed$/),
    });

    const drifting = world(-30_000);
    drifting.clock.addReference(reference('postgresql'));
    await drifting.clock.check();
    expect(drifting.clock.trust()).toEqual({ trusted: true });
    expect(drifting.log).toEqual([expect.stringMatching(/^clock: warning: (29|30) s behind postgresql \(warning above 2\.0 s\)$/)]);
    expect(Math.abs(drifting.clock.now().getTime() - realNow())).toBeLessThan(100);
  });

  test('a reference that does not answer is logged and the others are used; with none, the machine is taken as it is', async () => {
    const { clock, log } = world(5000);
    const down = reference('statuspage', { skewMs: 0, down: true });
    clock.addReference(down);
    expect(await clock.check()).toEqual([]);
    expect(log).toEqual(['clock: reading statuspage failed: statuspage is down']);
    expect(clock.status()).toMatchObject({ offsetMs: null, samples: [], trust: { trusted: true } });
    clock.addReference(reference('postgresql'));
    expect((await clock.check()).map((s) => s.reference)).toEqual(['postgresql']);
    expect(clock.status().offsetMs).toBeCloseTo(-5000, -2);
  });

  test('samples older than the freshness window are not used', async () => {
    const log: string[] = [];
    const clock = createVerifiedClock({ machine: () => realNow() + 2 * year, freshMs: 30, log: (m) => log.push(m) });
    clock.addReference(reference('postgresql'));
    await clock.check();
    expect(clock.trust().trusted).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(clock.status().samples).toEqual([]);
  });

  test("an API's Date header is a reference, read to the second", async () => {
    const server = createServer((_req, res) => res.writeHead(200).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/api.test`;
    const { clock } = world(-year);
    clock.addReference(httpDateReference('slack', url));
    const [sample] = await clock.check();
    server.close();
    expect(sample!.reference).toBe('slack');
    expect(Math.abs(sample!.offsetMs - year)).toBeLessThan(1500);
    expect(clock.trust().trusted).toBe(false);
  });
});
