import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import type { Clock } from '../../time/clock.ts';

interface Profile {
  name: string;
  teamId: string | undefined;
  timeZone: string | undefined;
}

/** How long a Slack profile (name, zone, organisation) is reused before it is asked for again. */
const profileTtlMs = 10 * 60_000;

/**
 * Who is speaking on Slack. Names and time zones come from the person's Slack profile, and a
 * person from another organisation (a Slack Connect guest) is refused before anything happens.
 */
export function createSlackIdentity(client: WebClient, installedTeamId: () => string, clock: Clock) {
  const cache = new Map<string, { profile: Profile; until: number }>();

  async function profile(userId: string): Promise<Profile> {
    const now = clock.now().getTime();
    const hit = cache.get(userId);
    if (hit && hit.until > now) return hit.profile;
    const { user } = await client.users.info({ user: userId });
    const found: Profile = {
      name: user?.profile?.display_name || user?.real_name || user?.name || userId,
      teamId: user?.team_id,
      timeZone: user?.tz,
    };
    cache.set(userId, { profile: found, until: now + profileTtlMs });
    return found;
  }

  return {
    /** The actor for a Slack user, refusing users of another organisation. */
    async actor(userId: string, requestTeamId: string | undefined): Promise<Actor> {
      const found = await profile(userId);
      const team = found.teamId ?? requestTeamId;
      if (team !== installedTeamId() || (requestTeamId !== undefined && requestTeamId !== installedTeamId())) {
        throw new CrisisError('forbidden', 'Only members of the workspace that runs crisisroom can use /incident or decide public updates here.');
      }
      return { platform: 'slack', id: userId, name: found.name, ...(found.timeZone ? { timeZone: found.timeZone } : {}) };
    },

    /** `<@U123>`, `<@U123|alice>` or a bare user id, as typed after `commander` or `--owner`. */
    async resolveMention(token: string): Promise<{ id: string; name: string }> {
      const id = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/.exec(token)?.[1] ?? (/^[UW][A-Z0-9]{2,}$/.test(token) ? token : undefined);
      if (!id) throw new CrisisError('invalid_input', `Name a person with a mention, e.g. /incident commander @alice (got "${token}").`);
      return { id, name: (await profile(id)).name };
    },

    profile,
  };
}

export type SlackIdentity = ReturnType<typeof createSlackIdentity>;
