import type { ReportTemplate } from '../domain/report.ts';
import type { Language } from './languages.ts';

/**
 * The report's words as crisisroom ships them, per language; a company replaces any of them with its
 * own voice in the configuration (`reports.templates`). `{title}`, `{date}` and `{page}` in the
 * opening and the closing become the incident's title, the day it happened and the status page's name.
 */
export const shippedTemplates: Record<Language, ReportTemplate> = {
  en: {
    opening: 'Hello,\n\nThis is our report on the incident of {date}: {title}.',
    closing: 'We are sorry for the trouble this caused you, and we thank you for your patience.\n\n{page}',
    titles: {
      happened: 'What happened',
      impact: 'How this issue impacted you',
      actions: 'What we did to solve it',
      now: 'Where we are now',
      prevention: 'What we will do so that it does not happen again',
    },
  },
  'pt-BR': {
    opening: 'Olá,\n\nEste é o nosso relatório sobre o incidente de {date}: {title}.',
    closing: 'Pedimos desculpas pelo transtorno e agradecemos a sua paciência.\n\n{page}',
    titles: {
      happened: 'O que aconteceu',
      impact: 'Como este problema afetou você',
      actions: 'O que fizemos para resolver',
      now: 'Onde estamos agora',
      prevention: 'O que faremos para que não aconteça novamente',
    },
  },
  es: {
    opening: 'Hola:\n\nEste es nuestro informe sobre el incidente del {date}: {title}.',
    closing: 'Lamentamos las molestias ocasionadas y agradecemos su paciencia.\n\n{page}',
    titles: {
      happened: 'Qué sucedió',
      impact: 'Cómo le afectó este problema',
      actions: 'Qué hicimos para resolverlo',
      now: 'Dónde estamos ahora',
      prevention: 'Qué haremos para que no vuelva a ocurrir',
    },
  },
};

/** The placeholders an opening or closing may hold. */
export const templatePlaceholders = ['title', 'date', 'page'] as const;

/** The sentences a draft is assembled with, from the incident's own facts. */
export interface DraftPhrases {
  /** The first sentence of "what happened". */
  happened(day: string, title: string): string;
  /** Earlier or related incidents the page shows, each "title (day)". */
  related(list: string): string;
  /** The impact window and the components affected; either may be missing. */
  impact(window: { from: string; to: string | null; lasted: string | null } | null, components: string | null): string;
  done: string;
  planned(due: string): string;
}

const list = (items: readonly string[], lang: Language) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(items);

export const draftPhrases: Record<Language, DraftPhrases> = {
  en: {
    happened: (day, title) => `On ${day} we had an incident: ${title}.`,
    related: (items) => `It is related to earlier incidents: ${items}.`,
    impact: (window, components) =>
      [
        window ? `From ${window.from}${window.to ? ` to ${window.to}` : ''}${window.lasted ? ` (${window.lasted})` : ''}, customers were affected.` : '',
        components ? `Affected: ${components}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    done: 'done',
    planned: (due) => `planned by ${due}`,
  },
  'pt-BR': {
    happened: (day, title) => `Em ${day} tivemos um incidente: ${title}.`,
    related: (items) => `Ele está relacionado a incidentes anteriores: ${items}.`,
    impact: (window, components) =>
      [
        window ? `De ${window.from}${window.to ? ` até ${window.to}` : ''}${window.lasted ? ` (${window.lasted})` : ''}, os clientes foram afetados.` : '',
        components ? `Afetados: ${components}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    done: 'concluído',
    planned: (due) => `previsto até ${due}`,
  },
  es: {
    happened: (day, title) => `El ${day} tuvimos un incidente: ${title}.`,
    related: (items) => `Está relacionado con incidentes anteriores: ${items}.`,
    impact: (window, components) =>
      [
        window
          ? `Desde ${window.from}${window.to ? ` hasta ${window.to}` : ''}${window.lasted ? ` (${window.lasted})` : ''}, los clientes se vieron afectados.`
          : '',
        components ? `Afectados: ${components}.` : '',
      ]
        .filter(Boolean)
        .join(' '),
    done: 'completado',
    planned: (due) => `previsto para el ${due}`,
  },
};

export { list as listOf };

/** What a configuration may say of one language's template: any of its words. */
export interface TemplateOverride {
  opening?: string | undefined;
  closing?: string | undefined;
  titles?: Partial<Record<keyof ReportTemplate['titles'], string>> | undefined;
}

/** One language's template: the configuration's words where it has them, else the shipped ones. */
export function templateFor(overrides: Partial<Record<Language, TemplateOverride>>, lang: Language): ReportTemplate {
  const shipped = shippedTemplates[lang];
  const own = overrides[lang] ?? {};
  return {
    opening: own.opening ?? shipped.opening,
    closing: own.closing ?? shipped.closing,
    titles: { ...shipped.titles, ...own.titles },
  };
}

/** Fills the placeholders of an opening or closing. */
export function fillTemplate(text: string, values: Record<(typeof templatePlaceholders)[number], string>): string {
  return text.replace(/\{(title|date|page)\}/g, (_, name: keyof typeof values) => values[name]);
}

/** The section titles of each language of the page, as a configuration writes them (else as shipped). */
export function reportTitlesOf(config: {
  statusPage: { languages: readonly Language[] };
  reports?: { templates: Partial<Record<Language, TemplateOverride>> };
}): Partial<Record<Language, ReportTemplate['titles']>> {
  return Object.fromEntries(config.statusPage.languages.map((lang) => [lang, templateFor(config.reports?.templates ?? {}, lang).titles]));
}
