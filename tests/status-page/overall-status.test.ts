import { describe, expect, test } from 'vitest';
import type { ComponentState } from '../../src/domain/component.ts';
import type { Impact } from '../../src/domain/incident.ts';
import { overallStatus } from '../../src/domain/overall-status.ts';

const components = (...states: ComponentState[]) => states.map((status) => ({ status }));
const incidents = (...impacts: Impact[]) => impacts.map((impact) => ({ impact }));

describe('overallStatus', () => {
  test('all operational and no incident', () => {
    expect(overallStatus(components('operational', 'operational'), [])).toEqual({
      indicator: 'none',
      description: 'All Systems Operational',
    });
  });

  test('nothing at all is operational', () => {
    expect(overallStatus([], [])).toEqual({ indicator: 'none', description: 'All Systems Operational' });
  });

  test('an open incident without impact does not change the state', () => {
    expect(overallStatus(components('operational'), incidents('none')).indicator).toBe('none');
  });

  test.each<[string, ComponentState[], Impact[], string, string]>([
    ['a degraded component alone', ['operational', 'degraded_performance'], [], 'minor', 'Partially Degraded Service'],
    ['a minor incident', ['operational'], ['minor'], 'minor', 'Minor Service Outage'],
    ['a minor incident over a degraded component', ['degraded_performance'], ['minor'], 'minor', 'Minor Service Outage'],
    ['a partial outage', ['partial_outage', 'degraded_performance'], ['minor'], 'major', 'Partial System Outage'],
    ['a major incident with every component up', ['operational'], ['major'], 'major', 'Partial System Outage'],
    ['a major outage', ['major_outage', 'partial_outage'], ['none'], 'critical', 'Major Service Outage'],
    ['a critical incident', ['operational'], ['minor', 'critical'], 'critical', 'Major Service Outage'],
    ['maintenance only', ['under_maintenance', 'operational'], [], 'maintenance', 'Service Under Maintenance'],
    ['maintenance and a degraded component', ['under_maintenance', 'degraded_performance'], [], 'minor', 'Partially Degraded Service'],
    ['maintenance and a major incident', ['under_maintenance'], ['major'], 'major', 'Partial System Outage'],
  ])('%s', (_case, states, impacts, indicator, description) => {
    expect(overallStatus(components(...states), incidents(...impacts))).toEqual({ indicator, description });
  });

  test('active maintenance with nothing worse', () => {
    expect(overallStatus(components('operational'), [], true)).toEqual({
      indicator: 'maintenance',
      description: 'Service Under Maintenance',
    });
  });

  test('active maintenance never hides an outage', () => {
    expect(overallStatus(components('partial_outage'), [], true).indicator).toBe('major');
    expect(overallStatus(components('operational'), incidents('minor'), true).indicator).toBe('minor');
  });
});
