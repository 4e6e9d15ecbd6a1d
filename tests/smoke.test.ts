import { expect, test } from 'vitest';
import { impactOf, incidentId } from '../src/domain/incident.ts';

test('impact follows severity', () => {
  expect([1, 2, 3, 4].map(impactOf)).toEqual(['critical', 'major', 'minor', 'none']);
  expect(incidentId(7)).toBe('INC-7');
});
