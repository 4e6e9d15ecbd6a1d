import { snoozeCadence } from '../../../services/cadence/snooze.ts';
import { draftPublicUpdate } from '../../../services/draft/draft-public-update.ts';
import { latestUpdate } from '../../../services/queries.ts';
import { readingZone } from '../../../services/reading-zone.ts';
import { formatTimeOfDay } from '../../../time/format.ts';
import { CadenceData, cadenceDraftCard, cadenceVerbs, snoozeActionMinutes } from '../cards/cadence-card.ts';
import { filledOf, readDraftFields } from '../cards/forms.ts';
import type { actorOf } from '../text.ts';
import { cardAnswer, foreignCard, messageAnswer, outsider } from './answers.ts';
import { type TeamsDeps, ctxFor, failureText } from './deps.ts';

export const isCadenceVerb = (verb: string | undefined) => Object.values(cadenceVerbs).includes(verb as never);

/**
 * The cadence reminder's actions: Snooze holds the reminders back; Draft an update answers with a
 * form from where the last update left off, and its Draft makes the draft that then waits for approval
 * on its own card.
 */
export async function cadenceCardAction(deps: TeamsDeps, actor: ReturnType<typeof actorOf>, verb: string, data: unknown) {
  const read = CadenceData.safeParse(data);
  if (!read.success) return messageAnswer(foreignCard);
  if (!actor) return messageAnswer(outsider);
  const { incident } = read.data;
  const ctx = ctxFor(deps, actor, incident);
  try {
    if (verb === cadenceVerbs.snooze) {
      const { until } = await snoozeCadence(ctx, { incident, minutes: snoozeActionMinutes });
      return messageAnswer(`Update reminders snoozed until ${formatTimeOfDay(until, readingZone(ctx))}.`);
    }
    if (verb === cadenceVerbs.draft) {
      const { status, body } = await latestUpdate(ctx, { incident });
      return cardAnswer(cadenceDraftCard(incident, { status, body }));
    }
    const submitted = readDraftFields(data);
    if (!submitted.ok) {
      const filled = filledOf(data);
      return cardAnswer(cadenceDraftCard(incident, { status: filled.status ?? '', body: filled.body ?? '' }, submitted.errors));
    }
    const { draft } = await draftPublicUpdate(ctx, { incident, status: submitted.value.status, text: submitted.value.body });
    return messageAnswer(`Drafted D${draft.number}: it waits for approval on its card.`);
  } catch (error) {
    return messageAnswer(failureText(deps, `${verb} on INC-${incident}`, error));
  }
}
