// The fields the declare and edit forms share on every platform (Slack's modals, Teams' cards): the
// same limits, the same text rule and the same words when something is missing or wrong.
import { z } from 'zod';
import { incidentStatuses, type Severity } from '../domain/incident.ts';
import { keptAsTyped } from '../domain/text.ts';
import { textLimit, titleLimit } from './grammar/commands.ts';

const severities = { '1': 1, '2': 2, '3': 3, '4': 4 } as const satisfies Record<string, Severity>;

export const titleField = z
  .string({ error: 'Give the incident a title.' })
  .trim()
  .min(1, 'Give the incident a title.')
  .max(titleLimit, `Keep the title within ${titleLimit} characters.`)
  .superRefine(keptAsTyped('title', 'line'));

export const severityField = z.enum(['1', '2', '3', '4'], { error: 'Choose a severity from SEV1 to SEV4.' }).transform((level) => severities[level]);

export const statusField = z.enum(incidentStatuses, { error: 'Choose a status.' });

export const updateBodyField = z
  .string({ error: 'Write what customers will read.' })
  .trim()
  .min(1, 'Write what customers will read.')
  .max(textLimit, `Keep the update within ${textLimit} characters.`)
  .superRefine(keptAsTyped('public update', 'prose'));
