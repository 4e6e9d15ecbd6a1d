import { z } from 'zod';
import { IncidentNumber, text, typedText, User } from './fields.ts';

/** Follow-up actions of incidents: add one, mark one done or open again, or list them. */
export const followUpActions = ['add', 'done', 'reopen', 'list'] as const;

const FollowUpNumber = z.int().positive();
/** As long as a note may be. */
const followUpTextLimit = 4000;
/** `in 2 weeks`, `2021-09-30`: a day as typed, read by the service in the person's zone. */
const dueLimit = 100;

/**
 * Follow-up actions: added to an incident (the one named after the action, else as other verbs find
 * it), named by their number across all incidents (F3) to be marked done or open again, and listed
 * across incidents or for one. The owner is resolved by the adapter, as the commander is. One line
 * of text, since lists show each follow-up on a line of its own.
 */
export const FollowUpCommand = z.discriminatedUnion('action', [
  z.object({
    verb: z.literal('followup'),
    action: z.literal('add'),
    incident: IncidentNumber.optional(),
    text: typedText(followUpTextLimit, 'follow-up', 'line'),
    owner: User.optional(),
    due: text(dueLimit).optional(),
    public: z.literal(true).optional(),
  }),
  z.object({ verb: z.literal('followup'), action: z.literal('done'), followUp: FollowUpNumber }),
  z.object({ verb: z.literal('followup'), action: z.literal('reopen'), followUp: FollowUpNumber }),
  z.object({
    verb: z.literal('followup'),
    action: z.literal('list'),
    incident: IncidentNumber.optional(),
    open: z.literal(true).optional(),
    mine: z.literal(true).optional(),
  }),
]);
