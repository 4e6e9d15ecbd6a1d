// auth.test and users.info: who the bot is and who the people are.
import { type FakeUser, type Handler, type Workspace, fail, ok, str } from './workspace.ts';

function zoneName(tz: string, style: 'long' | 'longOffset'): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: style }).formatToParts().find((p) => p.type === 'timeZoneName');
  return part?.value ?? '';
}

/** Seconds east of UTC right now, as Slack reports tz_offset. */
function offsetSeconds(tz: string): number {
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zoneName(tz, 'longOffset'));
  if (!match) return 0;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60;
  return match[1] === '-' ? -seconds : seconds;
}

function userJson(user: FakeUser, isBot: boolean): Record<string, unknown> {
  const realName = user.realName ?? user.name;
  return {
    id: user.id,
    team_id: user.teamId,
    name: user.name,
    deleted: false,
    real_name: realName,
    tz: user.tz,
    tz_label: zoneName(user.tz, 'long'),
    tz_offset: offsetSeconds(user.tz),
    is_bot: isBot,
    is_app_user: false,
    profile: { display_name: user.name, real_name: realName, team: user.teamId },
  };
}

const botUser = (ws: Workspace): FakeUser => ({ id: ws.botUserId, name: ws.botName, tz: 'UTC', teamId: ws.options.teamId });

const authTest: Handler = (ws) =>
  ok({
    url: 'https://fake.slack.test/',
    team: 'Fake Slack',
    user: ws.botName,
    team_id: ws.options.teamId,
    user_id: ws.botUserId,
    bot_id: ws.botId,
    is_enterprise_install: false,
  });

const usersInfo: Handler = (ws, args) => {
  const id = str(args, 'user');
  if (id === ws.botUserId) return ok({ user: userJson(botUser(ws), true) });
  const user = id === undefined ? undefined : ws.users.get(id);
  return user ? ok({ user: userJson(user, false) }) : fail('user_not_found');
};

export const userMethods: Record<string, Handler> = {
  'auth.test': authTest,
  'users.info': usersInfo,
};
