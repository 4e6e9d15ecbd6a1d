// Request bodies as the Statuspage manage API (v1) checks them, after its OpenAPI description:
// enumerated statuses, a 255-character name, a 25,000-character body, metadata whose top-level
// values are objects. Unknown keys are ignored, as the API does.
import { z } from 'zod';

const realtimeStatuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const scheduledStatuses = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
const componentStatuses = ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'] as const;

const IncidentFields = z.looseObject({
  name: z.string().trim().min(1, "Name can't be blank").max(255, 'Name is too long (maximum is 255 characters)'),
  status: z.enum([...realtimeStatuses, ...scheduledStatuses], { error: (issue) => `Status "${String(issue.input)}" is not a valid incident status` }),
  impact_override: z.enum(['none', 'maintenance', 'minor', 'major', 'critical'], { error: (issue) => `Impact override "${String(issue.input)}" is not valid` }),
  body: z.string().max(25_000, 'Body is too long (maximum is 25000 characters)'),
  deliver_notifications: z.boolean(),
  components: z.record(z.string(), z.enum([...componentStatuses, ''], { error: (issue) => `Component status "${String(issue.input)}" is not valid` })),
  component_ids: z.array(z.string()),
  metadata: z.record(z.string(), z.record(z.string(), z.unknown(), { error: 'Metadata top-level values must be objects' })),
  scheduled_for: z.string(),
});

export const CreateIncident = z.object({
  incident: IncidentFields.partial().required({ name: true }),
});
export const UpdateIncident = z.object({ incident: IncidentFields.partial() });
export type IncidentInput = z.infer<typeof UpdateIncident>['incident'];

export const PutPostmortem = z.object({ postmortem: z.object({ body_draft: z.string({ error: 'body_draft is required' }) }) });
export const PublishPostmortem = z.object({
  postmortem: z.object({ notify_subscribers: z.boolean().optional(), notify_twitter: z.boolean().optional(), custom_tweet: z.string().optional() }).optional(),
});

/** The first problem of a refused body, as the API's ErrorEntity message. */
export function firstProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid request';
}
