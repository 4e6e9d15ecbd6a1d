// biome-ignore-all lint/suspicious/noExplicitAny: parsed JSON (a manifest, an invoke's answer) is navigated freely here; schema checks and assertions say its shape
import { randomUUID } from 'node:crypto';
import { appId, botId, channels, homeTenant, people, type teamsWorld } from './teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
type Person = keyof typeof people;

const adaptiveCardType = 'application/vnd.microsoft.card.adaptive';

/** An Adaptive Card the bot sent, from a connector activity's attachments. */
export function cardIn(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const attachments = (body.attachments ?? []) as { contentType?: string; content?: Record<string, unknown> }[];
  return attachments.find((a) => a.contentType === adaptiveCardType)?.content;
}

/**
 * Sends an invoke activity as Teams does when someone clicks a card's button or submits a dialog:
 * `adaptiveCard/action` (Action.Execute), `task/fetch` (opening a dialog), `task/submit`. Resolves
 * with the synchronous invoke answer and what the bot sent to the connector meanwhile.
 */
export async function invoke(
  world: World,
  who: Person,
  name: 'adaptiveCard/action' | 'task/fetch' | 'task/submit' | 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  value: unknown,
  options: { conversationId?: string; replyToId?: string; activityId?: string } = {},
) {
  const person = people[who];
  const conversationId = options.conversationId ?? channels.general;
  const body = {
    type: 'invoke',
    name,
    id: options.activityId ?? randomUUID(),
    timestamp: '2021-09-15T13:55:00.000Z',
    localTimezone: person.timezone,
    serviceUrl: world.connector.serviceUrl,
    channelId: 'msteams',
    from: { id: person.id, aadObjectId: person.aadObjectId, name: person.name },
    recipient: { id: botId, name: 'crisisroom' },
    conversation: { isGroup: true, conversationType: 'channel', tenantId: homeTenant, id: conversationId },
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    value,
    entities: [{ type: 'clientInfo', locale: 'en-US', country: 'BR', platform: 'Web', timezone: person.timezone }],
    channelData: { tenant: { id: homeTenant } },
  };
  const token = await world.auth.sign({ appId, serviceUrl: world.connector.serviceUrl, issuedAt: new Date() });
  const before = world.connector.received.length;
  const response = await fetch(world.endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  await world.app.settle();
  return {
    status: response.status,
    answer: (text ? JSON.parse(text) : undefined) as Record<string, any> | undefined,
    sent: world.connector.received.slice(before),
  };
}

/** Clicks an Action.Execute button of the approval card. */
export function execute(world: World, who: Person, verb: string, data: Record<string, unknown>, options: { conversationId?: string; replyToId?: string } = {}) {
  return invoke(world, who, 'adaptiveCard/action', { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' }, options);
}
