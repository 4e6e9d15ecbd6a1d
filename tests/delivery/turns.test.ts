import { describe, expect, test } from 'vitest';
import { createTurns } from '../../src/delivery/turns.ts';

describe('turns for a call allowed only so often', () => {
  test('each delivery gets the next free turn, evenly spaced, the first at once', () => {
    const turns = createTurns(60);
    const waits = [1, 2, 3].map((id) => turns.waitFor(id));
    expect(waits[0]).toBe(0);
    expect(waits[1]).toBeGreaterThan(990);
    expect(waits[1]).toBeLessThanOrEqual(1000);
    expect(waits[2]).toBeGreaterThan(1990);
    expect(waits[2]).toBeLessThanOrEqual(2000);
  });

  test('a delivery keeps its turn across retries, and a used turn is not given again', () => {
    const turns = createTurns(60);
    turns.waitFor(1);
    const first = turns.waitFor(2);
    expect(turns.waitFor(2)).toBeLessThanOrEqual(first);
    expect(turns.waitFor(2)).toBeGreaterThan(first - 50);
    turns.used(2);
    // Asking again after using it is a new turn, after the ones given.
    expect(turns.waitFor(2)).toBeGreaterThan(first + 900);
  });
});
