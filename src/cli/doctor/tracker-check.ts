import type { AppConfig } from '../../config.ts';
import type { Clock } from '../../time/clock.ts';
import { configuredTracker, trackerSecret } from '../../trackers/configured.ts';
import { trackerNames } from '../../trackers/tracker.ts';
import { type CheckLine, fail, pass, reasonOf, warn } from './check-line.ts';
import { maskSecret } from './mask.ts';

/**
 * Reads where follow-ups' issues go, through the client the job uses, with its credentials: the
 * refusals are those creating an issue would meet. Without a webhook secret, issues closed there
 * are never done here: a warning.
 */
export async function checkTracker(config: Pick<AppConfig, 'github' | 'jira' | 'linear'>, clock: Clock, timeoutMs = 10_000): Promise<CheckLine[]> {
  const tracker = configuredTracker(config, () => clock.now(), timeoutMs);
  if (!tracker) return [];
  const name = trackerNames[tracker.kind];
  const secret = maskSecret(trackerSecret(config) ?? '');
  const webhook = (config.github ?? config.jira ?? config.linear)?.webhookSecret
    ? []
    : [warn('tracker', `${name}: no ${tracker.kind.toUpperCase()}_WEBHOOK_SECRET, so issues closed in ${name} are not marked done here`)];
  try {
    return [pass('tracker', `${name}: ${secret} reads ${await tracker.check()}`), ...webhook];
  } catch (error) {
    return [fail('tracker', `${name}: ${reasonOf(error)}`), ...webhook];
  }
}
