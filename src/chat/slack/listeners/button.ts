import type { App, BlockButtonAction } from '@slack/bolt';
import type { Actor } from '../../../domain/actor.ts';
import { escapeMrkdwn } from '../blocks/mrkdwn.ts';
import { type SlackDeps, failureText } from '../deps.ts';

/**
 * A button of crisisroom's messages: acknowledged at once, then `work` runs as the person who clicked,
 * with the button's value. What it answers, or why it failed, is said to that person alone.
 */
export function onButton(
  app: App,
  deps: SlackDeps,
  actionId: string,
  work: (click: { actor: Actor; value: string; body: BlockButtonAction }) => Promise<string | undefined>,
): void {
  app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
    await ack();
    let answer: string | undefined;
    try {
      const actor = await deps.identity.actor(body.user.id, body.team?.id ?? undefined);
      answer = await work({ actor, value: action.value ?? '', body });
    } catch (error) {
      answer = failureText(deps, actionId, error);
    }
    if (answer !== undefined) await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(answer) });
  });
}
