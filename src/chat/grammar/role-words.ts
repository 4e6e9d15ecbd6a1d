/**
 * `role [INC-n] [<role> <person>|none]`: lists the incident's roles, gives one to someone or takes
 * it back; `snooze [INC-n] [30m|1h|1h30m|45]`: holds the update cadence's reminders back. The role's
 * name is checked against the configuration by the service, which knows the roles.
 */
import { z } from 'zod';
import { IncidentNumber, User } from './fields.ts';
import { type Built, built, failed } from './built.ts';
import { firstWord } from './tokenize.ts';

export const RoleCommand = z.object({
  verb: z.literal('role'),
  incident: IncidentNumber.optional(),
  role: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,29}$/i)
    .optional(),
  /** The person given the role; null takes it back. */
  person: User.nullable().optional(),
});

export const SnoozeCommand = z.object({
  verb: z.literal('snooze'),
  incident: IncidentNumber.optional(),
  minutes: z.int().min(1).max(1440),
});

export function roleWords(text: string): Built {
  const { first: role, rest } = firstWord(text);
  if (role === '') return built({});
  const { first: who, rest: extra } = firstWord(rest);
  if (who === '') return failed(`Say who is to be the ${role}, like: role ${role} @alice (or role ${role} none to take it back).`);
  if (extra.trim() !== '') return failed(`role takes a role and one person (got "${extra.trim()}" after "${who}").`);
  return built({ role, person: who.toLowerCase() === 'none' ? null : who.replace(/^@(?!.*@)/, '') });
}

/** `30m`, `1h`, `1h30m`, `90`: minutes; 30 when nothing is said. */
export function snoozeWords(text: string): Built {
  const span = text.trim().toLowerCase();
  if (span === '') return built({ minutes: 30 });
  const match = /^(?:(\d{1,2})h)?\s*(?:(\d{1,4})m?)?$/.exec(span);
  if (!match || (match[1] === undefined && match[2] === undefined)) return failed(`Say how long to snooze, like 30m, 1h or 1h30m (got "${text.trim()}").`);
  return built({ minutes: Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) });
}
