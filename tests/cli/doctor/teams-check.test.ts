import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkTeams } from '../../../src/cli/doctor/teams-check.ts';
import type { TeamsSettings } from '../../../src/config.ts';
import { systemClock } from '../../../src/time/clock.ts';
import { type FakeConnector, startFakeConnector } from '../../fakes/teams/connector.ts';
import { type FakeGraph, startFakeGraph } from '../../fakes/teams/graph.ts';

const appId = '6f1f4c1e-5b7a-4d8e-9a51-1c2b3d4e5f60';
const appPassword = 'doctor-teams-password-never-shown';
const teamId = '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d';

describe('the Teams check', () => {
  let connector: FakeConnector;
  let graph: FakeGraph;
  let settings: TeamsSettings;

  beforeAll(async () => {
    connector = await startFakeConnector({ appId, appPassword });
    graph = await startFakeGraph({
      teamId,
      members: [{ userId: 'a1a1a1a1-0000-4000-8000-000000000001', displayName: 'Alice Silva' }],
      audienceOf: connector.audienceOf,
    });
    settings = {
      appId,
      appPassword,
      tenantIds: ['72f988bf-86f1-41af-91ab-2d7cd011db47'],
      serviceUrl: connector.serviceUrl,
      openIdMetadataUrl: 'http://127.0.0.1:9/unused',
      tokenUrl: connector.tokenUrl,
      graphApiUrl: graph.url,
    };
  });
  afterAll(async () => {
    await connector?.close();
    await graph?.close();
  });

  test('credentials that get a token and a team Graph reads: PASS, PASS', async () => {
    expect(await checkTeams(settings, { teamId }, systemClock)).toEqual([
      { level: 'pass', subject: 'teams', detail: `app ${appId} gets Bot Connector tokens from ${connector.tokenUrl}` },
      { level: 'pass', subject: 'teams', detail: `Graph reads team ${teamId} (1 member): the app is installed there with its permissions` },
    ]);
  });

  test('a wrong password: FAIL naming the endpoint and its answer, never the password', async () => {
    const lines = await checkTeams({ ...settings, appPassword: 'wrong-password-0000' }, { teamId }, systemClock);
    expect(lines).toEqual([
      { level: 'fail', subject: 'teams', detail: `the token endpoint ${connector.tokenUrl} refused the bot's credentials: 401 invalid_client` },
    ]);
    expect(JSON.stringify(lines)).not.toContain('wrong-password-0000');
  });

  test('the app not installed in the team: FAIL saying so', async () => {
    graph.setConsent(false);
    const [, line] = await checkTeams(settings, { teamId }, systemClock);
    graph.setConsent(true);
    expect(line).toEqual({
      level: 'fail',
      subject: 'teams',
      detail: `Graph refused to read team ${teamId} (403 Forbidden): install the app in that team, so a team owner grants its permissions`,
    });
  });

  test('a team Graph does not know: FAIL naming the setting', async () => {
    const [, line] = await checkTeams(settings, { teamId: '00000000-0000-4000-8000-000000000000' }, systemClock);
    expect(line!.level).toBe('fail');
    expect(line!.detail).toBe("Graph knows no team 00000000-0000-4000-8000-000000000000 (teams.teamId is the team's group id)");
  });

  test('no team: WARN where the incidents go instead', async () => {
    const [, line] = await checkTeams(settings, { incidentsChannelId: '19:incidents0000@thread.tacv2' }, systemClock);
    expect(line).toEqual({
      level: 'warn',
      subject: 'teams',
      detail: 'no team for crisis-room channels (teams.teamId): incidents get a thread in teams.incidentsChannelId instead',
    });
  });
});
