import type { ComponentState } from '../domain/component.ts';
import type { Impact, IncidentStatus } from '../domain/incident.ts';
import type { MaintenanceStatus } from '../domain/maintenance.ts';
import type { OverallDescription } from '../domain/overall-status.ts';
import type { Language } from './languages.ts';
import { pageMessages, type PageMessages } from './page-messages.ts';

/** Every string the public page and the customer posts in chat show; each language must provide all of them. */
export interface Messages extends PageMessages {
  /** The language's name in itself, for the language switcher. */
  languageName: string;
  incidentStatus: Record<IncidentStatus, string>;
  componentState: Record<ComponentState, string>;
  overall: Record<OverallDescription, string>;
  impact: Record<Impact, string>;
  impactLabel: string;
  posted: string;
  thisIncidentAffected: string;
  activeIncidents: string;
  components: string;
  pastIncidents: string;
  pastIncidentsWindow: string;
  noIncidentsReported: string;
  timeZone: string;
  apply: string;
  language: string;
  api: string;
  /** Customer posts in chat: `Updated Sep 21, 2021 - 14:34 GMT-03:00` under the incident. */
  updated: string;
  componentChanges: string;
  viewStatusPage: string;
  /** The link under an incident report's short post in a customer channel. */
  readReport: string;
  /** Section titles of the maintenance announced on the page. */
  scheduledMaintenance: string;
  maintenanceInProgress: string;
  maintenanceStatus: Record<MaintenanceStatus, string>;
  /** `Affected components: Take Blip Platform (CRM)` under a maintenance. */
  affectedComponents: string;
}

const catalog = {
  en: {
    ...pageMessages.en,
    languageName: 'English',
    incidentStatus: {
      investigating: 'Investigating',
      identified: 'Identified',
      monitoring: 'Monitoring',
      resolved: 'Resolved',
    },
    componentState: {
      operational: 'Operational',
      degraded_performance: 'Degraded Performance',
      partial_outage: 'Partial Outage',
      major_outage: 'Major Outage',
      under_maintenance: 'Under Maintenance',
    },
    overall: {
      'All Systems Operational': 'All Systems Operational',
      'Partially Degraded Service': 'Partially Degraded Service',
      'Minor Service Outage': 'Minor Service Outage',
      'Partial System Outage': 'Partial System Outage',
      'Major Service Outage': 'Major Service Outage',
      'Service Under Maintenance': 'Service Under Maintenance',
    },
    impact: { none: 'None', minor: 'Minor', major: 'Major', critical: 'Critical' },
    impactLabel: 'Impact',
    posted: 'Posted',
    thisIncidentAffected: 'This incident affected',
    activeIncidents: 'Active incidents',
    components: 'Components',
    pastIncidents: 'Past incidents',
    pastIncidentsWindow: 'Resolved in the last 14 days',
    noIncidentsReported: 'No incidents reported',
    timeZone: 'Time zone',
    apply: 'Apply',
    language: 'Language',
    api: 'Status API',
    updated: 'Updated',
    componentChanges: 'Component changes',
    viewStatusPage: 'View the status page',
    readReport: 'Read the whole report',
    scheduledMaintenance: 'Scheduled maintenance',
    maintenanceInProgress: 'Maintenance in progress',
    maintenanceStatus: { scheduled: 'Scheduled', in_progress: 'In progress', verifying: 'Verifying', completed: 'Completed' },
    affectedComponents: 'Affected components',
  },
  'pt-BR': {
    ...pageMessages['pt-BR'],
    languageName: 'Português (Brasil)',
    incidentStatus: {
      investigating: 'Investigando',
      identified: 'Identificado',
      monitoring: 'Monitorando',
      resolved: 'Resolvido',
    },
    componentState: {
      operational: 'Operacional',
      degraded_performance: 'Desempenho degradado',
      partial_outage: 'Interrupção parcial',
      major_outage: 'Interrupção grave',
      under_maintenance: 'Em manutenção',
    },
    overall: {
      'All Systems Operational': 'Todos os sistemas operacionais',
      'Partially Degraded Service': 'Serviço parcialmente degradado',
      'Minor Service Outage': 'Interrupção leve do serviço',
      'Partial System Outage': 'Interrupção parcial do sistema',
      'Major Service Outage': 'Interrupção grave do serviço',
      'Service Under Maintenance': 'Serviço em manutenção',
    },
    impact: { none: 'Nenhum', minor: 'Leve', major: 'Alto', critical: 'Crítico' },
    impactLabel: 'Impacto',
    posted: 'Publicado',
    thisIncidentAffected: 'Este incidente afetou',
    activeIncidents: 'Incidentes em andamento',
    components: 'Componentes',
    pastIncidents: 'Incidentes anteriores',
    pastIncidentsWindow: 'Resolvidos nos últimos 14 dias',
    noIncidentsReported: 'Nenhum incidente relatado',
    timeZone: 'Fuso horário',
    apply: 'Aplicar',
    language: 'Idioma',
    api: 'API de status',
    updated: 'Atualizado',
    componentChanges: 'Alterações nos componentes',
    viewStatusPage: 'Ver a página de status',
    readReport: 'Leia o relatório completo',
    scheduledMaintenance: 'Manutenção programada',
    maintenanceInProgress: 'Manutenção em andamento',
    maintenanceStatus: { scheduled: 'Programada', in_progress: 'Em andamento', verifying: 'Verificando', completed: 'Concluída' },
    affectedComponents: 'Componentes afetados',
  },
  es: {
    ...pageMessages.es,
    languageName: 'Español',
    incidentStatus: {
      investigating: 'Investigando',
      identified: 'Identificado',
      monitoring: 'Supervisando',
      resolved: 'Resuelto',
    },
    componentState: {
      operational: 'Operativo',
      degraded_performance: 'Rendimiento degradado',
      partial_outage: 'Interrupción parcial',
      major_outage: 'Interrupción grave',
      under_maintenance: 'En mantenimiento',
    },
    overall: {
      'All Systems Operational': 'Todos los sistemas operativos',
      'Partially Degraded Service': 'Servicio parcialmente degradado',
      'Minor Service Outage': 'Interrupción menor del servicio',
      'Partial System Outage': 'Interrupción parcial del sistema',
      'Major Service Outage': 'Interrupción grave del servicio',
      'Service Under Maintenance': 'Servicio en mantenimiento',
    },
    impact: { none: 'Ninguno', minor: 'Menor', major: 'Alto', critical: 'Crítico' },
    impactLabel: 'Impacto',
    posted: 'Publicado',
    thisIncidentAffected: 'Este incidente afectó a',
    activeIncidents: 'Incidentes en curso',
    components: 'Componentes',
    pastIncidents: 'Incidentes anteriores',
    pastIncidentsWindow: 'Resueltos en los últimos 14 días',
    noIncidentsReported: 'No se han reportado incidentes',
    timeZone: 'Zona horaria',
    apply: 'Aplicar',
    language: 'Idioma',
    api: 'API de estado',
    updated: 'Actualizado',
    componentChanges: 'Cambios en los componentes',
    viewStatusPage: 'Ver la página de estado',
    readReport: 'Lea el informe completo',
    scheduledMaintenance: 'Mantenimiento programado',
    maintenanceInProgress: 'Mantenimiento en curso',
    maintenanceStatus: { scheduled: 'Programado', in_progress: 'En curso', verifying: 'Verificando', completed: 'Completado' },
    affectedComponents: 'Componentes afectados',
  },
} satisfies Record<Language, Messages>;

export function messages(lang: Language): Messages {
  return catalog[lang];
}
