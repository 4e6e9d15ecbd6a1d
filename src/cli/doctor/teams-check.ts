import { createBotTokens } from '../../chat/teams/bot-token.ts';
import { GraphError, createGraphClient } from '../../chat/teams/graph.ts';
import type { TeamsSettings } from '../../config.ts';
import type { Clock } from '../../time/clock.ts';
import { type CheckLine, fail, pass, reasonOf, warn } from './check-line.ts';

/**
 * The app's credentials, by asking its tenant for a Bot Connector token, and the team of the
 * crisis rooms, by reading its members through Graph as the room sync does: a 403 there means no
 * team owner has installed the app in that team, so none granted its permissions.
 */
export async function checkTeams(
  settings: TeamsSettings,
  teams: { teamId?: string | undefined; incidentsChannelId?: string | undefined },
  clock: Clock,
  timeoutMs = 10_000,
): Promise<CheckLine[]> {
  const tokens = createBotTokens({ tokenUrl: settings.tokenUrl, appId: settings.appId, appPassword: settings.appPassword, clock });
  try {
    await tokens.get();
  } catch (error) {
    return [fail('teams', reasonOf(error))];
  }
  const lines = [pass('teams', `app ${settings.appId} gets Bot Connector tokens from ${settings.tokenUrl}`)];
  if (!teams.teamId) {
    const instead = teams.incidentsChannelId
      ? 'incidents get a thread in teams.incidentsChannelId instead'
      : 'and no teams.incidentsChannelId either: Teams keeps no crisis rooms';
    return [...lines, warn('teams', `no team for crisis-room channels (teams.teamId): ${instead}`)];
  }
  const graph = createGraphClient({ apiUrl: settings.graphApiUrl, tokens, clock, timeoutMs });
  try {
    const members = await graph.teamMembers(teams.teamId);
    return [
      ...lines,
      pass(
        'teams',
        `Graph reads team ${teams.teamId} (${members.size} member${members.size === 1 ? '' : 's'}): the app is installed there with its permissions`,
      ),
    ];
  } catch (error) {
    if (error instanceof GraphError && error.status === 403) {
      return [
        ...lines,
        fail('teams', `Graph refused to read team ${teams.teamId} (403 ${error.code}): install the app in that team, so a team owner grants its permissions`),
      ];
    }
    if (error instanceof GraphError && error.status === 404)
      return [...lines, fail('teams', `Graph knows no team ${teams.teamId} (teams.teamId is the team's group id)`)];
    return [...lines, fail('teams', reasonOf(error))];
  }
}
