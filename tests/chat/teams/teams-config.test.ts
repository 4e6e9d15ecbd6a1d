import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../../src/config.ts';

const appId = '6f1f4c1e-5b7a-4d8e-9a51-1c2b3d4e5f60';
const tenant = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const second = '0d9b1c3e-1111-4222-8333-944455566677';

describe('Teams settings', () => {
  test("app id, password and tenants give the Teams settings, Microsoft's addresses by default", () => {
    const config = loadConfig({ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'secret', TEAMS_TENANT_ID: `${tenant}, ${second}` });
    expect(config.teamsCredentials).toEqual({
      appId,
      appPassword: 'secret',
      tenantIds: [tenant, second],
      serviceUrl: 'https://smba.trafficmanager.net/teams',
      openIdMetadataUrl: 'https://login.botframework.com/v1/.well-known/openidconfiguration',
      tokenUrl: `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`,
      graphApiUrl: 'https://graph.microsoft.com',
    });
    expect(config.chatPlatformsConfigured).toBe(true);
  });

  test.each([
    [{ TEAMS_APP_ID: appId, TEAMS_TENANT_ID: tenant }, /TEAMS_APP_PASSWORD is required with TEAMS_APP_ID/],
    [{ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'secret' }, /TEAMS_TENANT_ID is required with TEAMS_APP_ID/],
    [{ TEAMS_APP_PASSWORD: 'secret' }, /TEAMS_APP_ID is required with TEAMS_APP_PASSWORD/],
    [{ TEAMS_APP_ID: 'crisisroom-bot', TEAMS_APP_PASSWORD: 'x', TEAMS_TENANT_ID: tenant }, /TEAMS_APP_ID: a Teams app id .* is a GUID/],
    [{ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'x', TEAMS_TENANT_ID: `${tenant},contoso` }, /TEAMS_TENANT_ID.*tenant ids are GUIDs/],
    [{ TEAMS_APP_ID: appId, TEAMS_APP_PASSWORD: 'x', TEAMS_TENANT_ID: tenant, TEAMS_OPENID_METADATA_URL: 'not a url' }, /TEAMS_OPENID_METADATA_URL/],
  ])('%o is refused with a clear message', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
