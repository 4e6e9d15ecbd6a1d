import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { FileConfig } from './config-file.ts';
import { type GithubSettings, type JiraSettings, type LinearSettings, TrackerEnvironment, trackerSettings } from './config-trackers.ts';

export { FileConfig };

const Environment = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(3000),
  CRISISROOM_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgresql://')
    .optional(),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CRISISROOM_CONFIG: z.string().min(1).optional(),
  ...TrackerEnvironment,
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xoxb-/, 'a bot token starts with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'an app-level token starts with xapp-')
    .optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
  TEAMS_APP_ID: z.guid({ error: "a Teams app id (the bot's Microsoft app id) is a GUID, e.g. 00000000-0000-0000-0000-000000000000" }).optional(),
  TEAMS_APP_PASSWORD: z.string().min(1, 'must not be empty').optional(),
  TEAMS_TENANT_ID: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((tenant) => tenant.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.guid({ error: 'tenant ids are GUIDs, comma-separated' })).min(1, 'name at least one tenant id'))
    .optional(),
  TEAMS_SERVICE_URL: z.url({ protocol: /^https?$/ }).default('https://smba.trafficmanager.net/teams'),
  TEAMS_OPENID_METADATA_URL: z.url({ protocol: /^https?$/ }).default('https://login.botframework.com/v1/.well-known/openidconfiguration'),
  TEAMS_TOKEN_URL: z.url({ protocol: /^https?$/ }).optional(),
  GRAPH_API_URL: z.url({ protocol: /^https?$/ }).default('https://graph.microsoft.com'),
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be smtp://user:password@host:587 or smtps://user:password@host:465' }).optional(),
  SMTP_FROM: z
    .string()
    .trim()
    .refine((value) => mailboxAddress(value) !== null, 'must be an address, e.g. status@example.com or "Example Status <status@example.com>"')
    .optional(),
  STATUSPAGE_API_KEY: z.string().trim().min(1, 'must not be empty').optional(),
  STATUSPAGE_PAGE_ID: z
    .string()
    .trim()
    .regex(/^[a-z0-9]+$/i, 'a Statuspage page id is letters and digits, e.g. gytm4qzbx9t6')
    .optional(),
  STATUSPAGE_API_URL: z.url({ protocol: /^https?$/ }).default('https://api.statuspage.io/v1'),
  /** Test-only: lets webhooks reach loopback addresses (a receiver on 127.0.0.1), over http too. */
  CRISISROOM_WEBHOOKS_ALLOW_LOOPBACK: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  /** How long a process's claim on a delivery lasts unrenewed: a killed replica's work is taken over after it. */
  CRISISROOM_DELIVERY_LEASE_SECONDS: z.coerce.number({ error: 'must be a number of seconds' }).int().min(1).max(3600).default(10),
  CRISISROOM_WEBHOOKS_TIMEOUT_MS: z.coerce.number({ error: 'must be a number of milliseconds' }).int().min(100).max(60_000).default(10_000),
});

/** Slack's credentials and addresses; secrets live only here and are never logged. */
export interface SlackCredentials {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string;
}

/** The Teams bot's identity and the Microsoft services it talks to; the password is never logged. */
export interface TeamsSettings {
  appId: string;
  appPassword: string;
  /** Tenants whose activities are acted on; the first is the bot's own, where its tokens come from. */
  tenantIds: string[];
  /** The Bot Connector for proactive posts when no activity named one. */
  serviceUrl: string;
  /** Where Bot Framework publishes the keys that sign incoming activities. */
  openIdMetadataUrl: string;
  /** The Entra ID token endpoint of the bot's tenant (client-credentials grant). */
  tokenUrl: string;
  graphApiUrl: string;
}

export interface AppConfig extends FileConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** The status page's public address; null means "where this process listens". */
  publicBaseUrl: string | null;
  configPath: string | null;
  /** True when no file was named and the example was taken, as a first trial run does. */
  configIsExample: boolean;
  /** Present when SLACK_BOT_TOKEN is set. */
  slackCredentials: SlackCredentials | null;
  /** Whether any chat platform has credentials; without them a terminal start opens the console. */
  chatPlatformsConfigured: boolean;
  /** TEAMS_APP_ID as given (also when the rest of the Teams settings are missing), for the doctor. */
  teamsAppId: string | null;
  /** Present when TEAMS_APP_ID is set (with its password and tenants): the Teams bot runs. */
  teamsCredentials: TeamsSettings | null;
  /** Present when STATUSPAGE_API_KEY and STATUSPAGE_PAGE_ID are set: approved updates are mirrored there. */
  statuspage: StatuspageSettings | null;
  webhooks: WebhookSettings;
  /** How long a claim on a delivery lasts unrenewed (CRISISROOM_DELIVERY_LEASE_SECONDS). */
  deliveryLeaseMs: number;
  /** Present when SMTP_URL is set: status-page visitors may subscribe to updates by e-mail. */
  smtp: SmtpSettings | null;
  /** Present when trackers.github names a repository: follow-ups are created there as issues. */
  github: GithubSettings | null;
  /** Present when trackers.jira names a site and project: follow-ups are created there as issues. */
  jira: JiraSettings | null;
  /** Present when trackers.linear names a team: follow-ups are created there as issues. */
  linear: LinearSettings | null;
}

/** The mail server of e-mail updates; the URL holds the password: log it only through maskedSmtpUrl. */
export interface SmtpSettings {
  url: string;
  /** The From header, e.g. "Example Status <status@example.com>". */
  from: string;
  /** The bare address of From, whose domain names the messages (Message-ID). */
  fromAddress: string;
}

/** `Name <address>` or a bare address: the address, or null when there is none. */
function mailboxAddress(value: string): string | null {
  const match = /^(?:[^<>]*<([^<>\s]+)>|([^<>\s]+))$/.exec(value);
  const address = match?.[1] ?? match?.[2];
  return address && z.email().safeParse(address).success ? address : null;
}

/** The SMTP URL as it may be shown: smtp://user:***@host:587. */
export function maskedSmtpUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

export interface WebhookSettings {
  /** Test-only: webhook URLs may point at loopback addresses (and use http there). */
  allowLoopback: boolean;
  /** How long one webhook request may take, answer included. */
  timeoutMs: number;
}

/** Atlassian Statuspage's manage API; the key is a secret, never logged. */
export interface StatuspageSettings {
  apiKey: string;
  pageId: string;
  /** Without a trailing slash, e.g. https://api.statuspage.io/v1. */
  apiUrl: string;
}

/** Start-up refuses to run on an invalid configuration with this one message, naming the key. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function describe(issues: readonly z.core.$ZodIssue[], source: string): string {
  const issue = issues[0];
  if (!issue) return `invalid configuration in ${source}`;
  const key = issue.path.join('.') || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    return `${source}: unknown key ${issue.keys.map((k) => [...issue.path, k].join('.')).join(', ')}`;
  }
  return `${source}: ${key}: ${issue.message}`;
}

function readFileConfig(path: string): FileConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read the configuration file ${path} (CRISISROOM_CONFIG): ${(error as NodeJS.ErrnoException).code ?? error}`);
  }
  let raw: unknown;
  try {
    raw = parseYaml(text) ?? {};
  } catch (error) {
    throw new ConfigError(`${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const parsed = FileConfig.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describe(parsed.error.issues, path));
  return parsed.data;
}

/** The example configuration shipped at the root of the package. */
const exampleConfigPath = fileURLToPath(new URL('../crisisroom.example.yaml', import.meta.url));

export interface LoadOptions {
  /**
   * With no CRISISROOM_CONFIG and no chat platform (a trial run in a terminal), take the example
   * file, so a first `npm start` has a page with components and the README's first incident works.
   * A deployment connected to Slack or Teams never publishes the example's components: it gets the
   * defaults until it names its own file.
   */
  exampleForTrial?: boolean;
}

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Record<string, string | undefined>, options: LoadOptions = {}): AppConfig {
  const parsedEnv = Environment.safeParse(env);
  if (!parsedEnv.success) throw new ConfigError(describe(parsedEnv.error.issues, 'environment'));
  const e = parsedEnv.data;
  const trial = !e.CRISISROOM_CONFIG && !e.SLACK_BOT_TOKEN && !e.TEAMS_APP_ID && options.exampleForTrial === true;
  const configPath = e.CRISISROOM_CONFIG ?? (trial ? exampleConfigPath : null);
  const file = configPath ? readFileConfig(configPath) : FileConfig.parse({});
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    throw new ConfigError('environment: SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  if (Boolean(e.STATUSPAGE_API_KEY) !== Boolean(e.STATUSPAGE_PAGE_ID)) {
    throw new ConfigError(
      `environment: ${e.STATUSPAGE_API_KEY ? 'STATUSPAGE_PAGE_ID' : 'STATUSPAGE_API_KEY'} is required with ${e.STATUSPAGE_API_KEY ? 'STATUSPAGE_API_KEY' : 'STATUSPAGE_PAGE_ID'} (set both to mirror updates on Atlassian Statuspage, or neither)`,
    );
  }
  if (e.SMTP_URL && !e.SMTP_FROM)
    throw new ConfigError('environment: SMTP_FROM is required with SMTP_URL (the sender of e-mail updates, e.g. status@example.com)');
  if (e.TEAMS_APP_ID && !e.TEAMS_APP_PASSWORD)
    throw new ConfigError("environment: TEAMS_APP_PASSWORD is required with TEAMS_APP_ID (the client secret of the bot's app registration)");
  if (e.TEAMS_APP_ID && !e.TEAMS_TENANT_ID)
    throw new ConfigError(
      "environment: TEAMS_TENANT_ID is required with TEAMS_APP_ID (the tenant ids allowed to use the bot, comma-separated; the first is the bot's own)",
    );
  if (!e.TEAMS_APP_ID && (e.TEAMS_APP_PASSWORD || e.TEAMS_TENANT_ID))
    throw new ConfigError(
      `environment: TEAMS_APP_ID is required with ${e.TEAMS_APP_PASSWORD ? 'TEAMS_APP_PASSWORD' : 'TEAMS_TENANT_ID'} (the bot's Microsoft app id)`,
    );
  const trackers = trackerSettings(file.trackers, e, (message) => {
    throw new ConfigError(message);
  });
  const dataDir = resolve(e.CRISISROOM_DATA_DIR);
  return {
    ...file,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${dataDir}/crisisroom.db`,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? null,
    configPath,
    configIsExample: trial,
    slackCredentials: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET ?? null,
          appToken: e.SLACK_APP_TOKEN ?? null,
          apiUrl: e.SLACK_API_URL.replace(/\/?$/, '/'),
        }
      : null,
    chatPlatformsConfigured: Boolean(e.SLACK_BOT_TOKEN || e.TEAMS_APP_ID),
    teamsAppId: e.TEAMS_APP_ID ?? null,
    teamsCredentials:
      e.TEAMS_APP_ID && e.TEAMS_APP_PASSWORD && e.TEAMS_TENANT_ID
        ? {
            appId: e.TEAMS_APP_ID,
            appPassword: e.TEAMS_APP_PASSWORD,
            tenantIds: e.TEAMS_TENANT_ID,
            serviceUrl: e.TEAMS_SERVICE_URL.replace(/\/+$/, ''),
            openIdMetadataUrl: e.TEAMS_OPENID_METADATA_URL,
            tokenUrl: e.TEAMS_TOKEN_URL ?? `https://login.microsoftonline.com/${e.TEAMS_TENANT_ID[0]}/oauth2/v2.0/token`,
            graphApiUrl: e.GRAPH_API_URL.replace(/\/+$/, ''),
          }
        : null,
    statuspage:
      e.STATUSPAGE_API_KEY && e.STATUSPAGE_PAGE_ID
        ? { apiKey: e.STATUSPAGE_API_KEY, pageId: e.STATUSPAGE_PAGE_ID, apiUrl: e.STATUSPAGE_API_URL.replace(/\/+$/, '') }
        : null,
    webhooks: { allowLoopback: e.CRISISROOM_WEBHOOKS_ALLOW_LOOPBACK === 'true', timeoutMs: e.CRISISROOM_WEBHOOKS_TIMEOUT_MS },
    deliveryLeaseMs: e.CRISISROOM_DELIVERY_LEASE_SECONDS * 1000,
    smtp: e.SMTP_URL && e.SMTP_FROM ? { url: e.SMTP_URL, from: e.SMTP_FROM, fromAddress: mailboxAddress(e.SMTP_FROM)! } : null,
    ...trackers,
  };
}
