import type { ComponentState } from '../component.ts';
import type { Impact, IncidentStatus } from '../incident.ts';
import type { MaintenanceStatus } from '../maintenance.ts';
import type { PublicRelation } from '../relation.ts';
import type { Language } from '../../i18n/languages.ts';
import type { ComponentUptime } from './uptime.ts';
import type { ReportSections, ReportTemplate } from '../report.ts';

/**
 * Everything the public status page shows, built from the database when something is published and
 * then served from memory: a traffic spike on the page never reaches the database.
 */
export interface PublicSnapshot {
  /** When this snapshot was built (from the injected clock): the "now" of the maintenance statuses and the uptime bars. */
  builtAt: Date;
  page: PublicPage;
  /** In display order (position). */
  components: PublicComponent[];
  /** Incidents with at least one published update, newest first (by first publication). */
  incidents: PublicIncident[];
  /**
   * Maintenance upcoming, in progress, or completed in the 14 days before builtAt (never cancelled), by
   * start, soonest first; each status as it was at builtAt.
   */
  maintenances: PublicMaintenance[];
  /** 90 days of daily uptime for each component on the page, in display order (see computeUptime). */
  uptime: ComponentUptime[];
}

export interface PublicPage {
  /** Stable identifier used as Statuspage's page.id. */
  id: string;
  name: string;
  /** Absolute URL of the page (PUBLIC_BASE_URL), without trailing slash. */
  url: string;
  /** IANA zone, e.g. America/Sao_Paulo. */
  timeZone: string;
  /** The page's languages; the first is the default. */
  languages: Language[];
  /** The titles of the incident report's sections, per language (the configuration's, else the shipped ones). */
  reportTitles?: Partial<Record<Language, ReportTemplate['titles']>>;
  /** Whether the home page offers e-mail updates (a mail server is configured and visitors can post to the server). */
  emailSubscriptions?: boolean;
}

export interface PublicComponent {
  /** Stable identifier used as Statuspage's component id. */
  id: string;
  name: string;
  /** Group name from the configuration, or null for an ungrouped component. */
  group: string | null;
  position: number;
  /** As shown: under_maintenance while a maintenance in progress names it and nothing worse holds. */
  status: ComponentState;
  createdAt: Date;
  updatedAt: Date;
}

export interface PublicIncident {
  /** The human number: the incident is INC-<number>; Statuspage's `id` is "INC-<number>". */
  number: number;
  title: string;
  /** The status of the latest published update. */
  status: IncidentStatus;
  /** The impact published with the latest update. */
  impact: Impact;
  /** First publication. */
  createdAt: Date;
  /** Latest publication. */
  updatedAt: Date;
  /** Start of the customer impact when set, else the declaration instant. */
  startedAt: Date;
  impactStart: Date | null;
  impactEnd: Date | null;
  monitoringAt: Date | null;
  resolvedAt: Date | null;
  /** Names of the affected components, in page order. */
  components: string[];
  /** Published updates, newest first; the incident report is not one of them. */
  updates: PublicUpdate[];
  /** The latest published incident report (postmortem), or null while none is. */
  report: PublicReport | null;
  /** Related incidents the public knows of (published ones only: an internal one's title must not leak), earliest first. */
  related: PublicRelatedIncident[];
  /** By when the next public update is due, while it is still ahead (`cadence.showOnPage`). */
  nextUpdateBy?: Date;
}

export interface PublicRelatedIncident {
  number: number;
  title: string;
  /** How the incident it is listed on stands to it: `recurrence_of` (a recurrence of it), `recurred_as`, `cause_of`… */
  relation: PublicRelation;
  /** Its first publication, as its own createdAt. */
  createdAt: Date;
}

interface PublicReport {
  /** The whole report as one text, in the page's default language. */
  body: string;
  publishedAt: Date;
  /** Its sections in each language it was written in; none for a report written as one text. */
  sections?: Partial<Record<Language, ReportSections>>;
}

export interface PublicUpdate {
  id: number;
  status: IncidentStatus;
  body: string;
  publishedAt: Date;
  affectedComponents: { name: string; oldStatus: ComponentState; newStatus: ComponentState }[];
}

export interface PublicMaintenance {
  /** MNT-<n>, also Statuspage's `id`. */
  id: string;
  title: string;
  /** At builtAt; the snapshot is rebuilt at each start and end (nextBoundary). */
  status: MaintenanceStatus;
  scheduledFor: Date;
  /** The end; the actual end when it was ended early. */
  scheduledUntil: Date;
  /** Names of the components it affects, in page order. */
  components: string[];
  createdAt: Date;
  /** When what the public sees last changed: an edit, or the start or end once passed. */
  updatedAt: Date;
}
