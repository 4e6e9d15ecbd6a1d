import type { ComponentState } from '../../domain/component.ts';
import type { OverallIndicator } from '../../domain/overall-status.ts';

type Shape = 'check' | 'minus' | 'warning' | 'cross' | 'clock';

/**
 * Each state has its own shape as well as its own colour, so the page still reads for colour-blind
 * visitors and in forced-colours mode; the words next to the icon carry the meaning for screen readers.
 */
const shapes: Record<Shape, string> = {
  check: '<circle cx="8" cy="8" r="8"/><path class="mark" d="M4.5 8.2l2.3 2.3 4.7-4.9"/>',
  minus: '<rect x="0.5" y="0.5" width="15" height="15" rx="3"/><path class="mark" d="M4.5 8h7"/>',
  warning: '<path d="M8 0.6l7.6 14H0.4z"/><path class="mark" d="M8 5.6v4M8 12.2v0.1"/>',
  cross: '<circle cx="8" cy="8" r="8"/><path class="mark" d="M5.2 5.2l5.6 5.6M10.8 5.2l-5.6 5.6"/>',
  clock: '<circle cx="8" cy="8" r="8"/><path class="mark" d="M8 3.8V8l2.8 1.8"/>',
};

function icon(shape: Shape): string {
  return `<svg class="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">${shapes[shape]}</svg>`;
}

const stateShapes: Record<ComponentState, Shape> = {
  operational: 'check',
  degraded_performance: 'minus',
  partial_outage: 'warning',
  major_outage: 'cross',
  under_maintenance: 'clock',
};

const indicatorShapes: Record<OverallIndicator, Shape> = {
  none: 'check',
  minor: 'minus',
  major: 'warning',
  critical: 'cross',
  maintenance: 'clock',
};

export function stateIcon(state: ComponentState): string {
  return icon(stateShapes[state]);
}

export function indicatorIcon(indicator: OverallIndicator): string {
  return icon(indicatorShapes[indicator]);
}

export const resolvedIcon = icon('check');
