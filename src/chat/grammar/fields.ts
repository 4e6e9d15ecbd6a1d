/** The field schemas several commands share: free text, incident ids and users (commands.ts, followup-command.ts). */
import { z } from 'zod';
import { keptAsTyped, type TextShape } from '../../domain/text.ts';

/** Trimmed before the length checks so that text of only whitespace counts as missing. */
export function text(limit: number) {
  return z.string().trim().min(1).max(limit);
}

/** Free text, kept exactly as typed or refused by the text rule (src/domain/text.ts) with its reason. */
export function typedText(limit: number, field: string, shape: TextShape) {
  return text(limit).superRefine(keptAsTyped(field, shape));
}

export const IncidentNumber = z.int().positive();

/**
 * A plain name (alice; an e-mail address passes too) or a Slack mention such as <@U123ABC> or
 * <@U123ABC|alice>, which the adapter resolves to a person.
 */
export const User = z.string().regex(/^(?:<@[A-Z0-9]+(?:\|[^<>]+)?>|[^\s<>@][^\s<>]*)$/i);
