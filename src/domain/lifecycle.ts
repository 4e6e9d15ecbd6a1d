import { CrisisError } from './errors.ts';
import { type IncidentStatus, incidentId } from './incident.ts';

export type Transition = 'advance' | 'step_back' | 'resolve' | 'reopen';

/**
 * The internal status moves investigating → identified → monitoring → resolved. Steps may be
 * skipped, a responder may step back (monitoring shows the fix did not hold), and a resolved
 * incident may reopen. Staying put is refused so the timeline never records a change that was none.
 */
export function transition(number: number, from: IncidentStatus, to: IncidentStatus): Transition {
  if (from === to) throw new CrisisError('conflict', `${incidentId(number)} is already ${to}.`);
  if (to === 'resolved') return 'resolve';
  if (from === 'resolved') return 'reopen';
  const order: IncidentStatus[] = ['investigating', 'identified', 'monitoring'];
  return order.indexOf(to) > order.indexOf(from) ? 'advance' : 'step_back';
}
