import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { z } from 'zod';
import { incidentId } from '../../../domain/incident.ts';
import { type Mention, mentionIn } from '../mentions.ts';
import { adaptiveCard, cardText, textBlock } from './card-text.ts';
import { editInputs } from './forms.ts';

/** The cadence reminder's actions: draft the next update (a form for the one who clicked, then its draft), or snooze. */
export const cadenceVerbs = { draft: 'cadence.draft', saveDraft: 'cadence.saveDraft', snooze: 'cadence.snooze' } as const;
export const CadenceData = z.object({ incident: z.int().positive() });

/** How long the reminder's Snooze holds the reminders back. */
export const snoozeActionMinutes = 30;

/** The reminder as a card: its lines (card text, mentions included), the mentions that notify, and the two actions. */
export function cadenceCard(lines: string[], mentions: Mention[], incident: number): IAdaptiveCard {
  const data = { incident };
  return adaptiveCard({
    ...(mentions.length > 0 ? { msteams: { entities: mentions } } : {}),
    body: lines.map((line, i) => textBlock(line, i === 0 ? { weight: 'Bolder' } : { spacing: 'Small' })),
    actions: [
      { type: 'Action.Execute', title: 'Draft an update', verb: cadenceVerbs.draft, data, style: 'positive' },
      { type: 'Action.Execute', title: `Snooze ${snoozeActionMinutes} min`, verb: cadenceVerbs.snooze, data },
    ],
  });
}

/** The form in place of the reminder, for the one who clicked: the next update's status and text, from where the last left off. */
export function cadenceDraftCard(incident: number, filled: { status: string; body: string }, errors: string[] = []): IAdaptiveCard {
  return adaptiveCard({
    body: [textBlock(`Next public update of ${incidentId(incident)}`, { weight: 'Bolder', size: 'Medium' }), ...editInputs({ ...filled, errors })],
    actions: [{ type: 'Action.Execute', title: 'Draft', verb: cadenceVerbs.saveDraft, data: { incident }, style: 'positive' }],
  });
}

/** A person named in a card: mentioned (which notifies them) when they are a Teams user, else by name. */
export function cardPerson(mentions: Mention[], aadObjectId: string | undefined, name: string): string {
  return aadObjectId ? mentionIn(mentions, aadObjectId, name, cardText(name)) : cardText(name);
}
