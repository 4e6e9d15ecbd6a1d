// What a publication row holds, read back: its component changes and the update as published.
import type { ComponentChange } from './component.ts';
import { IncidentStatus } from './incident.ts';

export function parseComponentChanges(json: string): ComponentChange[] {
  return JSON.parse(json) as ComponentChange[];
}

/** A publication as the customer-facing renderers take it: status, text, time and component changes. */
export type PublishedUpdate = ReturnType<typeof publishedUpdate>;

export function publishedUpdate(publication: { status: string; body: string; publishedAt: Date; affectedComponents: string }) {
  return {
    status: IncidentStatus.parse(publication.status),
    body: publication.body,
    publishedAt: publication.publishedAt,
    componentChanges: parseComponentChanges(publication.affectedComponents),
  };
}
