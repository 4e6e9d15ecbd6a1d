import type { ComponentState } from '../domain/component.ts';
import type { PublicRelation } from '../domain/relation.ts';
import type { Language } from './languages.ts';

/**
 * The status page's uptime bars, incident pages and history. Part of Messages (messages(lang) carries
 * them); kept in a file of their own so the one catalog does not grow past reading.
 */
export interface PageMessages {
  /** The name of a component's list of day bars, for screen readers. */
  uptimeBars: (component: string, days: number) => string;
  uptimeSince: (days: number) => string;
  today: string;
  /** `99.87 % uptime`; the percentage comes formatted for the language. */
  uptimePercent: (percent: string) => string;
  /** A day label's states, lower case: `Sep 13, 2021: partial outage 1 h 48 min`. */
  downtime: Record<Exclude<ComponentState, 'operational'>, string>;
  noDowntime: string;
  noData: string;
  moreIncidents: (count: number) => string;
  currentStatus: string;
  incidentHistory: string;
  statusLabel: string;
  customerImpact: string;
  /** Heading of the incident report (postmortem) on an incident's page. */
  incidentReport: string;
  /** Before the time the next public update is promised by. */
  nextUpdateBy: string;
  ongoing: string;
  newerIncidents: string;
  olderIncidents: string;
  firstUpdate: string;
  latestUpdate: string;
  /** The name of the previous/next navigation, for screen readers. */
  pagination: string;
  pageNotFound: string;
  pageNotFoundText: string;
  incidentNotFound: (incident: string) => string;
  pageUnavailable: string;
  /** Heading of the related incidents on an incident's page. */
  relatedIncidents: string;
  /** What a related incident is to the one whose page lists it, before its id: `Recurrence of INC-3`. */
  relation: Record<PublicRelation, string>;
}

export const pageMessages = {
  en: {
    uptimeBars: (component, days) => `${component}: uptime over the last ${days} days`,
    uptimeSince: (days) => `${days} days ago`,
    today: 'Today',
    uptimePercent: (percent) => `${percent} % uptime`,
    downtime: {
      degraded_performance: 'degraded performance',
      partial_outage: 'partial outage',
      major_outage: 'major outage',
      under_maintenance: 'maintenance',
    },
    noDowntime: 'no downtime',
    noData: 'no data',
    moreIncidents: (count) => `and ${count} more`,
    currentStatus: 'Current status',
    incidentHistory: 'Incident history',
    statusLabel: 'Status',
    customerImpact: 'Customer impact',
    incidentReport: 'Incident report',
    nextUpdateBy: 'Next update by',
    ongoing: 'ongoing',
    newerIncidents: 'Newer incidents',
    olderIncidents: 'Older incidents',
    firstUpdate: 'First update',
    latestUpdate: 'Latest update',
    pagination: 'Pages',
    pageNotFound: 'Page not found',
    pageNotFoundText: 'There is nothing at this address.',
    incidentNotFound: (incident) => `${incident} does not exist or has not been published.`,
    pageUnavailable: 'This page is temporarily unavailable. Please try again in a moment.',
    relatedIncidents: 'Related incidents',
    relation: {
      recurrence_of: 'Recurrence of',
      recurred_as: 'Recurred as',
      duplicate_of: 'Duplicate of',
      duplicated_by: 'Duplicated by',
      caused_by: 'Caused by',
      cause_of: 'Cause of',
      related_to: 'Related to',
    },
  },
  'pt-BR': {
    uptimeBars: (component, days) => `${component}: disponibilidade nos últimos ${days} dias`,
    uptimeSince: (days) => `Há ${days} dias`,
    today: 'Hoje',
    uptimePercent: (percent) => `${percent} % de disponibilidade`,
    downtime: {
      degraded_performance: 'desempenho degradado',
      partial_outage: 'interrupção parcial',
      major_outage: 'interrupção grave',
      under_maintenance: 'manutenção',
    },
    noDowntime: 'sem indisponibilidade',
    noData: 'sem dados',
    moreIncidents: (count) => `e mais ${count}`,
    currentStatus: 'Status atual',
    incidentHistory: 'Histórico de incidentes',
    statusLabel: 'Status',
    customerImpact: 'Impacto para os clientes',
    incidentReport: 'Relatório do incidente',
    nextUpdateBy: 'Próxima atualização até',
    ongoing: 'em andamento',
    newerIncidents: 'Incidentes mais recentes',
    olderIncidents: 'Incidentes mais antigos',
    firstUpdate: 'Primeira atualização',
    latestUpdate: 'Última atualização',
    pagination: 'Páginas',
    pageNotFound: 'Página não encontrada',
    pageNotFoundText: 'Não há nada neste endereço.',
    incidentNotFound: (incident) => `${incident} não existe ou ainda não foi publicado.`,
    pageUnavailable: 'Esta página está temporariamente indisponível. Tente novamente em instantes.',
    relatedIncidents: 'Incidentes relacionados',
    relation: {
      recurrence_of: 'Recorrência de',
      recurred_as: 'Voltou a ocorrer em',
      duplicate_of: 'Duplicata de',
      duplicated_by: 'Duplicado em',
      caused_by: 'Causado por',
      cause_of: 'Causa de',
      related_to: 'Relacionado a',
    },
  },
  es: {
    uptimeBars: (component, days) => `${component}: disponibilidad en los últimos ${days} días`,
    uptimeSince: (days) => `Hace ${days} días`,
    today: 'Hoy',
    uptimePercent: (percent) => `${percent} % de disponibilidad`,
    downtime: {
      degraded_performance: 'rendimiento degradado',
      partial_outage: 'interrupción parcial',
      major_outage: 'interrupción grave',
      under_maintenance: 'mantenimiento',
    },
    noDowntime: 'sin interrupciones',
    noData: 'sin datos',
    moreIncidents: (count) => `y ${count} más`,
    currentStatus: 'Estado actual',
    incidentHistory: 'Historial de incidentes',
    statusLabel: 'Estado',
    customerImpact: 'Impacto para los clientes',
    incidentReport: 'Informe del incidente',
    nextUpdateBy: 'Próxima actualización antes de',
    ongoing: 'en curso',
    newerIncidents: 'Incidentes más recientes',
    olderIncidents: 'Incidentes más antiguos',
    firstUpdate: 'Primera actualización',
    latestUpdate: 'Última actualización',
    pagination: 'Páginas',
    pageNotFound: 'Página no encontrada',
    pageNotFoundText: 'No hay nada en esta dirección.',
    incidentNotFound: (incident) => `${incident} no existe o aún no se ha publicado.`,
    pageUnavailable: 'Esta página no está disponible en este momento. Inténtelo de nuevo en unos instantes.',
    relatedIncidents: 'Incidentes relacionados',
    relation: {
      recurrence_of: 'Recurrencia de',
      recurred_as: 'Volvió a ocurrir en',
      duplicate_of: 'Duplicado de',
      duplicated_by: 'Duplicado en',
      caused_by: 'Causado por',
      cause_of: 'Causa de',
      related_to: 'Relacionado con',
    },
  },
} satisfies Record<Language, PageMessages>;
