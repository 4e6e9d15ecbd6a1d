// The names of delivery targets, one delivery row per target and publication, and who a subscriber's filter takes in.
/** The delivery target name of a customer channel: one delivery row per channel and publication. */
export function channelTarget(subscriptionId: number): string {
  return `channel:${subscriptionId}`;
}

/**
 * The delivery target that brings a channel's post of the incident (its parent message) up to date.
 * Apart from the channel's own delivery, so an update's reply never waits for the edit, which
 * Slack allows far less often than posts.
 */
export function parentTarget(subscriptionId: number): string {
  return `parent:${subscriptionId}`;
}

/** Whether a subscriber's component filter (a JSON array; empty means all) covers an incident's components. */
export function wantsIncident(filter: string, incidentComponents: ReadonlySet<string>): boolean {
  const wanted = JSON.parse(filter) as string[];
  return wanted.length === 0 || wanted.some((name) => incidentComponents.has(name));
}

/** The delivery target name of an e-mail subscriber: one delivery row per subscriber and publication. */
export function emailTarget(subscriberId: number): string {
  return `email:${subscriberId}`;
}
