import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config.ts';

const load = (yaml: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'crisisroom-teams-config-')), 'crisisroom.yaml');
  writeFileSync(path, yaml);
  return loadConfig({ CRISISROOM_CONFIG: path });
};

describe('the teams: block of the configuration file', () => {
  test('defaults: no team, no incidents channel, nobody, private rooms', () => {
    expect(load('{}').teams).toEqual({ responders: [], admins: [], channelPrefix: 'inc', roomChannel: 'private', postsPerSecond: 10 });
  });

  test('roomChannel is private or standard, and nothing else', () => {
    expect(load('teams:\n  roomChannel: standard\n').teams.roomChannel).toBe('standard');
    expect(() => load('teams:\n  roomChannel: shared\n')).toThrow(/teams\.roomChannel is "private" or "standard"/);
  });

  test('a team, an incidents channel, responders and admins by Entra object id', () => {
    const teams = load(
      'teams:\n  teamId: 3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d\n  incidentsChannelId: "19:incidents0000@thread.tacv2"\n  responders: [b2b2b2b2-0000-4000-8000-000000000002]\n  admins: [a1a1a1a1-0000-4000-8000-000000000001]\n',
    ).teams;
    expect(teams).toMatchObject({
      teamId: '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d',
      incidentsChannelId: '19:incidents0000@thread.tacv2',
      responders: ['b2b2b2b2-0000-4000-8000-000000000002'],
    });
  });

  test.each([
    ['teams:\n  teamId: Operations\n', /teams\.teamId: teams\.teamId is the team's group id, a GUID/],
    ['teams:\n  incidentsChannelId: general\n', /teams\.incidentsChannelId: Teams channel ids look like 19:/],
    ['teams:\n  admins: [alice@example.com]\n', /teams\.admins\.0: Teams people are named by their Microsoft Entra object id/],
    ['teams:\n  teamID: 3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d\n', /unknown key teams\.teamID/],
  ])('%j is refused naming the key', (yaml, message) => {
    expect(() => load(yaml)).toThrow(message);
  });
});
