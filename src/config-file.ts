// The YAML file named by CRISISROOM_CONFIG, as zod reads it; src/config.ts loads it with the environment.
import { z } from 'zod';
import { rolesOf } from './domain/roles.ts';
import { Language } from './i18n/languages.ts';
import { templatePlaceholders } from './i18n/report-templates.ts';
import { isValidTimeZone } from './time/zone.ts';

const TimeZone = z.string().refine(isValidTimeZone, { error: (issue) => `"${String(issue.input)}" is not an IANA time zone (e.g. America/Sao_Paulo)` });

/** An opening, closing or title of the report's template: placeholders only of those known. */
const TemplateText = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .superRefine((text, ctx) => {
    for (const [, name] of text.matchAll(/\{([^{}]*)\}/g)) {
      if (!(templatePlaceholders as readonly string[]).includes(name ?? ''))
        ctx.addIssue({
          code: 'custom',
          message: `{${name}} is no placeholder of a report template (they are ${templatePlaceholders.map((p) => `{${p}}`).join(', ')})`,
        });
    }
  });

/** A number of minutes: a whole one, at most a day. */
const Minutes = z.int({ error: 'a whole number of minutes' }).min(1, 'at least 1 minute').max(1440, 'at most 1440 minutes (a day)');

const SlackUserId = z.string().regex(/^[UW][A-Z0-9]{2,}$/, 'Slack user ids look like U024BE7LH');
const AadObjectId = z.guid({ error: 'Teams people are named by their Microsoft Entra object id, a GUID' });

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
        channelPrefix: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'a channel prefix is up to 20 lowercase letters, digits, "-" or "_"')
          .default('inc'),
        /**
         * Customer posts per second across the workspace. Slack allows one message per second per
         * channel and "several hundred per minute" per workspace; posts are paced to stay under it.
         */
        postsPerSecond: z.number().positive().max(100).default(5),
        /**
         * Edits of customer channels' posts per minute across the workspace. Slack allows chat.update
         * about 50 times a minute (Tier 3), shared with the crisis rooms' briefings and cards.
         */
        parentEditsPerMinute: z.number().positive().max(6000).default(40),
        /**
         * Slash commands recorded and not yet done, beyond which a new one is answered "busy, try
         * again in N s" instead of taken: a flood fills the database no further than this.
         */
        queuedCommandsLimit: z.int().positive().max(100_000).default(1000),
      })
      .prefault({}),
    teams: z
      .strictObject({
        /** Crisis rooms are channels of this team (its groupId); without it, or if Graph refuses, threads of incidentsChannelId. */
        teamId: z.guid({ error: "teams.teamId is the team's group id, a GUID" }).optional(),
        incidentsChannelId: z
          .string()
          .regex(/^19:[^;\s]+@thread\.(tacv2|skype)$/, 'Teams channel ids look like 19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2')
          .optional(),
        /** Entra object ids: people brought into every crisis room; people allowed to register customer channels. */
        responders: z.array(AadObjectId).default([]),
        admins: z.array(AadObjectId).default([]),
        channelPrefix: z
          .string()
          .regex(/^[a-z0-9][a-z0-9_-]{0,19}$/, 'a channel prefix is up to 20 lowercase letters, digits, "-" or "_"')
          .default('inc'),
        /**
         * A private crisis-room channel holds the responders, added by crisisroom; a standard one
         * holds the whole team, and the responders are only mentioned (Graph adds members to
         * private and shared channels only).
         */
        roomChannel: z.enum(['private', 'standard'], { error: 'teams.roomChannel is "private" or "standard"' }).default('private'),
        postsPerSecond: z.number().positive().max(50).default(10), // Teams allows a bot 50 requests a second per tenant
      })
      .prefault({}),
    clock: z
      .strictObject({
        /** Above this offset from the time references, the offset is logged and reported. */
        warnSeconds: z.number().positive().max(3600).default(2),
        /** Above this offset nothing is stamped and no update approved until the clock is right again. */
        refuseSeconds: z.number().positive().max(86_400).default(60),
        /** How often the references are read. */
        checkSeconds: z.int().min(5).max(3600).default(60),
      })
      .refine((clock) => clock.warnSeconds < clock.refuseSeconds, 'clock.warnSeconds must be below clock.refuseSeconds')
      .prefault({}),
    reports: z
      .strictObject({
        /** Whether customer channels get a short post (first section and link) when a report is published. */
        customerChannels: z.boolean().default(true),
        /** Per language, the company's own words for the report: opening, closing, section titles. */
        templates: z
          .partialRecord(
            Language,
            z.strictObject({
              opening: TemplateText.optional(),
              closing: TemplateText.optional(),
              titles: z
                .strictObject({
                  happened: TemplateText.optional(),
                  impact: TemplateText.optional(),
                  actions: TemplateText.optional(),
                  now: TemplateText.optional(),
                  prevention: TemplateText.optional(),
                })
                .optional(),
            }),
          )
          .default({}),
      })
      .prefault({}),
    /** The incident's roles besides the shipped ones (commander, communications, scribe), or those changed. */
    roles: z
      .array(
        z.strictObject({
          name: z.string().regex(/^[a-z][a-z0-9-]{1,29}$/, 'a role is named by 2 to 30 lowercase letters, digits or "-", e.g. "liaison"'),
          title: z.string().trim().min(1).max(60).optional(),
          description: z.string().trim().min(1).max(300).optional(),
          mayApprove: z.boolean().optional(),
        }),
      )
      .max(20)
      .default([])
      .superRefine((roles, ctx) => {
        const names = roles.map((role) => role.name);
        for (const name of new Set(names.filter((name, i) => names.indexOf(name) !== i)))
          ctx.addIssue({ code: 'custom', message: `role "${name}" is listed twice` });
      }),
    /** How often customers must hear from us while an incident is open; the room is reminded before and when it is overdue. */
    cadence: z
      .strictObject({
        /** Minutes between public updates, per severity; null: no cadence for it. */
        sev1: Minutes.nullable().default(30),
        sev2: Minutes.nullable().default(60),
        sev3: Minutes.nullable().default(120),
        sev4: Minutes.nullable().default(null),
        /** The room is reminded this many minutes before the next update is due. */
        dueSoonMinutes: Minutes.default(10),
        /** An open incident with nothing on its timeline for this many minutes is pointed out to its commander; null: never. */
        idleMinutes: Minutes.nullable().default(60),
        /** The incident page says by when the next public update comes ("Next update by 15:00 GMT-03:00"). */
        showOnPage: z.boolean().default(false),
      })
      .prefault({}),
    followUps: z
      .strictObject({
        /** Owners are reminded in the incident's room of follow-ups past their due day, once a day at this time; null: never. */
        remindAt: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'followUps.remindAt is a time of day, 00:00 to 23:59, e.g. "09:00"')
          .nullable()
          .default('09:00'),
        /** The zone of remindAt, and where a due day ends; the status page's when left out. */
        timeZone: TimeZone.optional(),
      })
      .prefault({}),
    operations: z
      .strictObject({
        /** The Slack and Teams channels told when the clock stops (or starts again) being trusted. */
        slackChannel: z
          .string()
          .regex(/^[CG][A-Z0-9]{2,}$/, 'Slack channel ids look like C024BE91L')
          .optional(),
        teamsChannel: z
          .string()
          .regex(/^19:[^;\s]+@thread\.(tacv2|skype)$/, 'operations.teamsChannel is a Teams channel id, like 19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2')
          .optional(),
      })
      .prefault({}),
    /** Where follow-ups are also created as issues (see docs/trackers.md); the token comes from the environment. */
    trackers: z
      .strictObject({
        github: z
          .strictObject({
            repository: z.string().regex(/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/, 'trackers.github.repository is "owner/name", e.g. acme/platform'),
            labels: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
          })
          .optional(),
        jira: z
          .strictObject({
            /** The Jira Cloud site, e.g. https://acme.atlassian.net. */
            site: z.url({ protocol: /^https?$/, error: 'trackers.jira.site is the Jira site, e.g. https://acme.atlassian.net' }),
            project: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'trackers.jira.project is a project key, e.g. OPS'),
            issueType: z.string().trim().min(1).max(60).default('Task'),
            labels: z
              .array(z.string().regex(/^\S{1,255}$/, 'Jira labels have no spaces'))
              .max(20)
              .default([]),
          })
          .optional(),
        linear: z
          .strictObject({
            /** The team's id (a UUID: Linear's command menu, "Copy model UUID" on the team). */
            teamId: z.uuid({ error: "trackers.linear.teamId is the team's id, a UUID" }),
          })
          .optional(),
      })
      .refine((trackers) => [trackers.github, trackers.jira, trackers.linear].filter(Boolean).length <= 1, 'name one tracker: github, jira or linear')
      .prefault({}),
  })
  .superRefine((config, ctx) => {
    const approving = rolesOf(config.roles).filter((role) => role.mayApprove);
    if (approving.length === 0 && config.approval.approvers.length === 0)
      ctx.addIssue({ code: 'custom', message: 'nobody could approve a public update: give a role mayApprove: true, or list approval.approvers' });
  })
  .prefault({});
export type FileConfig = z.infer<typeof FileConfig>;
