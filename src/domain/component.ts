import { z } from 'zod';

export const componentStates = ['operational', 'degraded_performance', 'partial_outage', 'major_outage', 'under_maintenance'] as const;
export const ComponentState = z.enum(componentStates);
export type ComponentState = z.infer<typeof ComponentState>;

export interface ComponentChange {
  name: string;
  oldState: ComponentState;
  newState: ComponentState;
}
