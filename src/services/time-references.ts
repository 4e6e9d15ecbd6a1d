import type { AppConfig } from '../config.ts';
import type { Database } from '../db/client.ts';
import { databaseTimeReference } from '../db/time-reference.ts';
import { httpDateReference } from '../net/time-references.ts';
import type { TimeReference } from '../time/verified-clock.ts';

/**
 * The independent clocks this configuration talks to anyway: PostgreSQL's server, and the APIs
 * of the platforms it is connected to (Slack, Statuspage, Microsoft's Bot Framework). `crisisroom doctor` and the server check against the same.
 */
export function timeReferences(config: Pick<AppConfig, 'slackCredentials' | 'statuspage' | 'teamsCredentials'>, db: Database | null): TimeReference[] {
  const database = db ? databaseTimeReference(db) : null;
  return [
    ...(database ? [database] : []),
    ...(config.slackCredentials ? [httpDateReference('slack', new URL('api.test', config.slackCredentials.apiUrl).href)] : []),
    ...(config.statuspage ? [httpDateReference('statuspage', config.statuspage.apiUrl)] : []),
    ...(config.teamsCredentials ? [httpDateReference('microsoft', config.teamsCredentials.openIdMetadataUrl)] : []),
  ];
}
