import { z } from 'zod';

export const incidentStatuses = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export const IncidentStatus = z.enum(incidentStatuses);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const Severity = z.number().int().min(1).max(4);
export type Severity = 1 | 2 | 3 | 4;

export const impacts = ['none', 'minor', 'major', 'critical'] as const;
export type Impact = (typeof impacts)[number];

/** Severity 1 is the worst; its public impact follows Statuspage's scale. */
export function impactOf(severity: number): Impact {
  return (['critical', 'major', 'minor', 'none'] as const)[severity - 1] ?? 'none';
}

/** The human id of an incident: INC-<n>. */
export function incidentId(number: number): string {
  return `INC-${number}`;
}

export function draftId(number: number): string {
  return `D${number}`;
}

/** How people read a draft's name: "Public update D3" or "Incident report D4". */
export function draftLabel(kind: string, number: number): string {
  return `${kind === 'report' ? 'Incident report' : 'Public update'} ${draftId(number)}`;
}
