import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { Language } from './i18n/languages.ts';
import { isValidTimeZone } from './time/zone.ts';

const TimeZone = z.string().refine(isValidTimeZone, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone (e.g. America/Sao_Paulo)` });

const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Slack user ids look like U024BE7LH');

/** The YAML file named by CRISISROOM_CONFIG; every key is optional and documented in crisisroom.example.yaml. */
export const FileConfig = z
  .strictObject({
    statusPage: z
      .strictObject({
        name: z.string().trim().min(1).max(100).default('Status'),
        timeZone: TimeZone.default('UTC'),
        languages: z.array(Language).min(1).default(['en']),
      })
      .prefault({}),
    components: z
      .array(
        z.strictObject({
          group: z.string().trim().min(1).max(100).optional(),
          items: z.array(z.string().trim().min(1).max(100)).min(1),
        }),
      )
      .default([])
      .superRefine((groups, ctx) => {
        const seen = new Set<string>();
        for (const name of groups.flatMap((group) => group.items)) {
          if (seen.has(name.toLowerCase())) ctx.addIssue({ code: 'custom', message: `component "${name}" is listed twice` });
          seen.add(name.toLowerCase());
        }
      }),
    approval: z
      .strictObject({
        fourEyes: z.boolean().default(false),
        /** People who may decide drafts besides the commander: "<platform>:<id>", e.g. "console:carol". */
        approvers: z.array(z.string().regex(/^(console|slack|teams):\S+$/, 'approvers are written "<platform>:<id>", e.g. "slack:U024BE7LH"')).default([]),
      })
      .prefault({}),
    slack: z
      .strictObject({
        /** Slack user ids invited to every crisis room. */
        responders: z.array(SlackUserId).default([]),
        /** Slack user ids allowed to register customer channels. */
        admins: z.array(SlackUserId).default([]),
        /** Crisis rooms are named <prefix>-<n>-<slug of the title>. */
        channelPrefix: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'a channel prefix is up to 20 lowercase letters, digits, "-" or "_"').default('inc'),
      })
      .prefault({}),
  })
  .prefault({});
export type FileConfig = z.infer<typeof FileConfig>;

const Environment = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number({ error: 'must be a port number from 0 to 65535' }).int().min(0).max(65535).default(3000),
  CRISISROOM_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: or postgresql://').optional(),
  PUBLIC_BASE_URL: z.url({ protocol: /^https?$/ }).optional(),
  CRISISROOM_CONFIG: z.string().min(1).optional(),
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-/, 'a bot token starts with xoxb-').optional(),
  SLACK_SIGNING_SECRET: z.string().min(1).optional(),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-/, 'an app-level token starts with xapp-').optional(),
  SLACK_API_URL: z.url({ protocol: /^https?$/ }).default('https://slack.com/api/'),
  TEAMS_APP_ID: z.string().optional(),
});

/** Slack's credentials and addresses; secrets live only here and are never logged. */
export interface SlackCredentials {
  botToken: string;
  signingSecret: string | null;
  appToken: string | null;
  apiUrl: string;
}

export interface AppConfig extends FileConfig {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string;
  /** The status page's public address; null means "where this process listens". */
  publicBaseUrl: string | null;
  configPath: string | null;
  /** Present when SLACK_BOT_TOKEN is set. */
  slackCredentials: SlackCredentials | null;
  /** Whether any chat platform has credentials; without them a terminal start opens the console. */
  chatPlatformsConfigured: boolean;
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

/** Parses the environment and the configuration file once, at start-up. */
export function loadConfig(env: Record<string, string | undefined>): AppConfig {
  const parsedEnv = Environment.safeParse(env);
  if (!parsedEnv.success) throw new ConfigError(describe(parsedEnv.error.issues, 'environment'));
  const e = parsedEnv.data;
  const file = e.CRISISROOM_CONFIG ? readFileConfig(e.CRISISROOM_CONFIG) : FileConfig.parse({});
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) {
    throw new ConfigError('environment: SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)');
  }
  const dataDir = resolve(e.CRISISROOM_DATA_DIR);
  return {
    ...file,
    host: e.HOST,
    port: e.PORT,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${dataDir}/crisisroom.db`,
    publicBaseUrl: e.PUBLIC_BASE_URL?.replace(/\/+$/, '') ?? null,
    configPath: e.CRISISROOM_CONFIG ?? null,
    slackCredentials: e.SLACK_BOT_TOKEN
      ? { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET ?? null, appToken: e.SLACK_APP_TOKEN ?? null, apiUrl: e.SLACK_API_URL.replace(/\/?$/, '/') }
      : null,
    chatPlatformsConfigured: Boolean(e.SLACK_BOT_TOKEN || e.TEAMS_APP_ID),
  };
}
