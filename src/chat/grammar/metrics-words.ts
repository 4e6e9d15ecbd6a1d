/**
 * `metrics [--since 90d] [--component CRM]`: incident metrics across incidents, so no incident id.
 * The span is read here (SinceSpan); the component is matched by the service, against the page's.
 */
import { z } from 'zod';
import { SinceSpan } from '../../domain/metrics-period.ts';
import { type Built, built, failed } from './built.ts';
import { trimQuotes } from './tokenize.ts';

export const MetricsCommand = z.object({
  verb: z.literal('metrics'),
  /** Milliseconds back from now. */
  since: SinceSpan.optional(),
  component: z.string().trim().min(1).optional(),
});

export function metricsWords(text: string, flags: ReadonlyMap<string, string>): Built {
  const extra = text.trim();
  if (extra !== '') return failed(`metrics takes only --since and --component, like: metrics --since 90d --component CRM (got "${extra}").`);
  const since = flags.get('since');
  const component = flags.get('component');
  return built({ since: since === undefined ? undefined : trimQuotes(since), component: component === undefined ? undefined : trimQuotes(component) });
}
