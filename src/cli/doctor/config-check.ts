import { type AppConfig, maskedSmtpUrl } from '../../config.ts';
import { type CheckLine, pass, warn } from './check-line.ts';
import { maskSecret } from './mask.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function slackLines(config: AppConfig): CheckLine[] {
  const credentials = config.slackCredentials;
  if (!credentials) return [pass('config', 'slack: off (SLACK_BOT_TOKEN unset)')];
  const signed = credentials.signingSecret ? `signing secret ${maskSecret(credentials.signingSecret)}` : null;
  const mode = credentials.appToken
    ? `Socket Mode with app token ${maskSecret(credentials.appToken)}${signed ? ` (${signed} unused)` : ''}`
    : `events at /slack/events checked with ${signed}`;
  const { responders, admins, channelPrefix, postsPerSecond, parentEditsPerMinute } = config.slack;
  return [
    pass('config', `slack: bot token ${maskSecret(credentials.botToken)}, ${mode}, API ${credentials.apiUrl}`),
    pass(
      'config',
      `slack: ${plural(responders.length, 'responder')}, ${plural(admins.length, 'admin')}, rooms named ${channelPrefix}-<n>-<title>, ${postsPerSecond} customer posts/s, ${parentEditsPerMinute} edits of their posts/min`,
    ),
  ];
}

/** The example's page name and components are someone else's: fine for a trial, never for customers. */
function configFileLine(config: AppConfig): CheckLine {
  if (config.configIsExample)
    return warn(
      'config',
      `file ${config.configPath}: the example, taken for a trial run (CRISISROOM_CONFIG unset, no chat platform); copy it and set CRISISROOM_CONFIG`,
    );
  return pass('config', config.configPath ? `file ${config.configPath}` : 'no file (CRISISROOM_CONFIG unset): the defaults');
}

/** What the server would run with, one line per area, every secret masked. */
export function checkConfig(config: AppConfig): CheckLine[] {
  const { statusPage, components, approval, clock } = config;
  const groups = components.filter((group) => group.group !== undefined).length;
  const componentCount = components.reduce((sum, group) => sum + group.items.length, 0);
  const lines: CheckLine[] = [
    configFileLine(config),
    pass(
      'config',
      `server on ${config.host}:${config.port}, data in ${config.dataDir}, public address ${config.publicBaseUrl ?? `where it listens (PUBLIC_BASE_URL unset)`}`,
    ),
    pass('config', `status page "${statusPage.name}", zone ${statusPage.timeZone}, languages ${statusPage.languages.join(', ')}`),
    componentCount === 0
      ? warn('config', 'no components: the status page lists none (components in the configuration file)')
      : pass('config', `${plural(componentCount, 'component')}, ${plural(groups, 'group')}`),
    pass(
      'config',
      `approval by the commander${approval.approvers.length ? ` or ${plural(approval.approvers.length, 'approver')}` : ''}, four eyes ${approval.fourEyes ? 'on' : 'off'}`,
    ),
    ...slackLines(config),
    pass(
      'config',
      config.statuspage
        ? `statuspage: page ${config.statuspage.pageId}, key ${maskSecret(config.statuspage.apiKey)}, API ${config.statuspage.apiUrl}`
        : 'statuspage: off (STATUSPAGE_API_KEY unset)',
    ),
    pass('config', config.smtp ? `e-mail: ${maskedSmtpUrl(config.smtp.url)}, from ${config.smtp.from}` : 'e-mail: off (SMTP_URL unset)'),
    config.webhooks.allowLoopback
      ? warn('config', 'webhooks: CRISISROOM_WEBHOOKS_ALLOW_LOOPBACK=true lets them reach loopback addresses over http: for tests only, never in production')
      : pass('config', `webhooks: public HTTPS addresses only, ${config.webhooks.timeoutMs / 1000} s per request`),
    pass('config', `deliveries: claims leased for ${config.deliveryLeaseMs / 1000} s`),
    pass(
      'config',
      `clock: warning above ${clock.warnSeconds} s, refused above ${clock.refuseSeconds} s, checked every ${clock.checkSeconds} s${config.operations.slackChannel ? `, changes told in ${config.operations.slackChannel}` : ''}`,
    ),
  ];
  const teams = config.teamsCredentials;
  lines.push(
    pass(
      'config',
      teams
        ? `teams: app ${teams.appId}, password ${maskSecret(teams.appPassword)}, ${plural(teams.tenantIds.length, 'tenant')} (${teams.tenantIds.join(', ')}), activities at /api/messages checked against ${teams.openIdMetadataUrl}, tokens from ${teams.tokenUrl}`
        : 'teams: off (TEAMS_APP_ID unset)',
    ),
  );
  return lines;
}
