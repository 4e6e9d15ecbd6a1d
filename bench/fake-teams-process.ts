// The fake Bot Framework (token endpoint, OpenID document, Bot Connector) and fake Microsoft Graph
// in a process of their own, so a benchmark of crisisroom does not also pay for the fakes' work.
// Takes its settings as one JSON argument; prints one JSON line with their addresses, then serves
// until killed.
import { z } from 'zod';
import { startFakeBotFrameworkAuth } from '../tests/fakes/teams/bot-framework-auth.ts';
import { startFakeConnector } from '../tests/fakes/teams/connector.ts';
import { startFakeGraph } from '../tests/fakes/teams/graph.ts';

const Settings = z.object({
  appId: z.string(),
  appPassword: z.string(),
  teamId: z.string(),
  tenantPerSecond: z.number().positive(),
  transientFailureRate: z.number().min(0).max(1).default(0),
  /** Whether Graph lets the app read channel messages; without it a retry cannot find a stored post. */
  messagesReadable: z.boolean().default(true),
});
const settings = Settings.parse(JSON.parse(process.argv[2] ?? '{}'));

const auth = await startFakeBotFrameworkAuth();
const connector = await startFakeConnector({
  appId: settings.appId,
  appPassword: settings.appPassword,
  rateLimits: { tenantPerSecond: settings.tenantPerSecond },
  transientFailureRate: settings.transientFailureRate,
});
const graph = await startFakeGraph({
  teamId: settings.teamId,
  members: [],
  audienceOf: connector.audienceOf,
  messagesOf: connector.messagesOf,
  appId: settings.appId,
});
graph.setMessagesReadable(settings.messagesReadable);
process.stdout.write(
  `${JSON.stringify({ serviceUrl: connector.serviceUrl, tokenUrl: connector.tokenUrl, openIdMetadataUrl: auth.openIdMetadataUrl, graphUrl: graph.url })}\n`,
);
process.on('SIGUSR1', () => graph.setMessagesReadable(true));
process.on('SIGTERM', () => {
  const refused: Record<number, number> = {};
  for (const { status } of connector.refused) refused[status] = (refused[status] ?? 0) + 1;
  process.stderr.write(`${JSON.stringify({ refused })}\n`);
  void Promise.all([connector.close(), graph.close(), auth.close()]).then(() => process.exit(0));
});
