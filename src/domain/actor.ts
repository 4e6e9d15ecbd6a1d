/** Who asked for something, and through which platform. */
export interface Actor {
  platform: 'console' | 'slack' | 'teams' | 'api';
  /** The platform's own user id (the console uses the name). */
  id: string;
  name: string;
  /** The person's own IANA zone when the platform knows it. */
  timeZone?: string;
}

/** How a person is stored on a row: "<platform>:<id>". */
export function actorKey(actor: Pick<Actor, 'platform' | 'id'>): string {
  return `${actor.platform}:${actor.id}`;
}

/** The platform's own user id inside a stored "<platform>:<id>" key, when the key is of that platform. */
export function platformUserId(key: string | undefined, platform: Actor['platform']): string | undefined {
  return key?.startsWith(`${platform}:`) ? key.slice(platform.length + 1) : undefined;
}
