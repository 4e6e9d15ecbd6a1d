import type { ComponentState } from '../domain/component.ts';
import type { Impact, IncidentStatus } from '../domain/incident.ts';
import type { PublicRelation } from '../domain/relation.ts';
import type { MaintenanceStatus } from '../domain/maintenance.ts';
import type { OverallDescription, OverallIndicator } from '../domain/overall-status.ts';

/** Atlassian Statuspage public API v2 documents, field for field; dates are ISO 8601 in the page zone. */

export interface StatuspagePage {
  id: string;
  name: string;
  url: string;
  time_zone: string;
  updated_at: string;
}

interface StatuspageStatus {
  indicator: OverallIndicator;
  description: OverallDescription;
}

export interface StatuspageComponent {
  id: string;
  name: string;
  status: ComponentState;
  created_at: string;
  updated_at: string;
  position: number;
  description: string | null;
  showcase: boolean;
  start_date: string | null;
  group_id: string | null;
  page_id: string;
  group: boolean;
  only_show_if_degraded: boolean;
  /** Present on groups only: the ids of their members. */
  components?: string[];
}

interface StatuspageAffectedComponent {
  code: string;
  name: string;
  old_status: ComponentState;
  new_status: ComponentState;
}

export interface StatuspageIncidentUpdate {
  id: string;
  status: IncidentStatus;
  body: string;
  incident_id: string;
  created_at: string;
  updated_at: string;
  display_at: string;
  affected_components: StatuspageAffectedComponent[] | null;
  deliver_notifications: boolean;
  custom_tweet: string | null;
  tweet_id: string | null;
}

interface StatuspageRelatedIncident {
  /** INC-<n>, the related incident's own `id`. */
  id: string;
  name: string;
  relation: PublicRelation;
  /** Its own `created_at`: its first published update. */
  created_at: string;
}

export interface StatuspageIncident {
  id: string;
  name: string;
  /** Statuspage's "postmortem" once the incident report is published. */
  status: IncidentStatus | 'postmortem';
  created_at: string;
  updated_at: string;
  monitoring_at: string | null;
  resolved_at: string | null;
  impact: Impact;
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: StatuspageIncidentUpdate[];
  components: StatuspageComponent[];
  /** crisisroom's addition: related incidents the page shows, earliest first; `relation` is how this incident stands to each. */
  related_incidents: StatuspageRelatedIncident[];
  /** Only on an incident with a published report, as Statuspage adds them with its postmortem. */
  postmortem_body?: string;
  postmortem_published_at?: string;
}

export interface StatuspageMaintenanceUpdate extends Omit<StatuspageIncidentUpdate, 'status'> {
  status: MaintenanceStatus;
}

/** A scheduled maintenance: Statuspage's incident object with maintenance statuses and its window. */
export interface StatuspageMaintenance {
  id: string;
  name: string;
  status: MaintenanceStatus;
  created_at: string;
  updated_at: string;
  monitoring_at: null;
  /** When it was completed (its end). */
  resolved_at: string | null;
  impact: 'maintenance';
  shortlink: string;
  started_at: string;
  page_id: string;
  incident_updates: StatuspageMaintenanceUpdate[];
  components: StatuspageComponent[];
  scheduled_for: string;
  scheduled_until: string;
}

/** scheduled-maintenances.json, scheduled-maintenances/upcoming.json and scheduled-maintenances/active.json. */
export interface StatuspageMaintenancesDocument {
  page: StatuspagePage;
  scheduled_maintenances: StatuspageMaintenance[];
}

export interface StatuspageStatusDocument {
  page: StatuspagePage;
  status: StatuspageStatus;
}

export interface StatuspageComponentsDocument {
  page: StatuspagePage;
  components: StatuspageComponent[];
}

export interface StatuspageIncidentsDocument {
  page: StatuspagePage;
  incidents: StatuspageIncident[];
}

export interface StatuspageSummaryDocument {
  page: StatuspagePage;
  components: StatuspageComponent[];
  incidents: StatuspageIncident[];
  /** Upcoming and in progress, soonest first. */
  scheduled_maintenances: StatuspageMaintenance[];
  status: StatuspageStatus;
}
