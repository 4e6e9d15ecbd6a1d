import type { AppConfig } from '../../config.ts';
import { inspectDatabase } from '../../services/inspect-database.ts';
import { systemClock } from '../../time/clock.ts';
import { timeReferences } from '../../services/time-references.ts';
import { type CheckLine, fail, reasonOf } from './check-line.ts';
import { checkClock } from './clock-check.ts';
import { checkConfig } from './config-check.ts';
import { checkDatabase } from './database-check.ts';
import { checkSlack } from './slack-check.ts';
import { manifestBotScopes } from './slack-manifest.ts';
import { checkSmtp } from './smtp-check.ts';
import { checkStamps } from './stamps-check.ts';
import { checkStatuspage } from './statuspage-check.ts';
import { checkTeams } from './teams-check.ts';
import { checkTracker } from './tracker-check.ts';

async function slackLines(config: AppConfig): Promise<CheckLine[]> {
  if (!config.slackCredentials) return [];
  let scopes: string[];
  try {
    scopes = await manifestBotScopes();
  } catch (error) {
    return [fail('slack', `cannot read the app manifest: ${reasonOf(error)}`)];
  }
  return checkSlack(config.slackCredentials, scopes);
}

/**
 * Every check, in the order they are printed. The database is inspected first (PostgreSQL is one
 * of the clock's references); the outside world is then asked all at once; the stored instants are
 * judged last, by the now the clock check verified.
 */
export async function runDoctor(config: AppConfig, options: { machine?: () => number } = {}): Promise<CheckLine[]> {
  const inspection = await inspectDatabase(config.databaseUrl);
  try {
    const database = inspection.state === 'reachable' ? inspection.database : null;
    const [clock, slack, teams, statuspage, smtp, tracker] = await Promise.all([
      checkClock({
        references: timeReferences(config, database),
        warnSeconds: config.clock.warnSeconds,
        refuseSeconds: config.clock.refuseSeconds,
        ...options,
      }),
      slackLines(config),
      config.teamsCredentials ? checkTeams(config.teamsCredentials, config.teams, systemClock) : [],
      config.statuspage ? checkStatuspage(config.statuspage, systemClock) : [],
      config.smtp ? checkSmtp(config.smtp) : [],
      checkTracker(config, systemClock),
    ]);
    const stamps = await checkStamps(inspection, clock.now);
    return [
      ...checkConfig(config),
      ...checkDatabase(inspection, config.databaseUrl),
      ...clock.lines,
      ...stamps,
      ...slack,
      ...teams,
      ...statuspage,
      ...smtp,
      ...tracker,
    ];
  } finally {
    if (inspection.state === 'reachable') await inspection.database.close();
  }
}
