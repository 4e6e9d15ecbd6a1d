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
