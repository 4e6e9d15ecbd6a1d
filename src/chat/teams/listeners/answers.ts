import type { IAdaptiveCard } from '@microsoft/teams.cards';
import { cardContentType } from '../cards/card-text.ts';

/** What a Universal Action answers with: the card to show in place of the clicked one, or a message. */
export const cardAnswer = (card: IAdaptiveCard) => ({ statusCode: 200 as const, type: cardContentType, value: card });
export const messageAnswer = (text: string) => ({ statusCode: 200 as const, type: 'application/vnd.microsoft.activity.message' as const, value: text });

/** Said to someone outside the organisation, who may do nothing here. */
export const outsider = 'crisisroom answers people of your organisation only.';
/** Said of a card action whose verb or data crisisroom did not write. */
export const foreignCard = 'This card is not one crisisroom can act on.';
