import { affectedComponents, type CustomerUpdateView } from '../domain/customer-update.ts';
import type { ReportTemplate } from '../domain/report.ts';
import type { Language } from '../i18n/languages.ts';
import { messages } from '../i18n/messages.ts';
import { subscriptionMessages } from '../i18n/subscription-messages.ts';
import { escapeHtml } from '../status-page/html/escape.ts';
import { htmlParagraphs } from '../status-page/html/paragraphs.ts';
import { formatPosted } from '../time/format.ts';

/** The status page as far as a mail links to it. */
export interface MailSite {
  name: string;
  /** Absolute, without a trailing slash. */
  url: string;
  languages: readonly Language[];
  timeZone: string;
  /** The titles of an incident report's sections, per language (the configuration's, else the shipped ones). */
  reportTitles?: Partial<Record<Language, ReportTemplate['titles']>>;
}

export interface UpdateMailView extends CustomerUpdateView {
  components: string[];
  componentGroups: { group: string | null; name: string }[];
  unsubscribeUrl: string;
}

/**
 * A delivery's Message-ID, from its idempotency key: a mail sent again after a crash is the same
 * message to mail clients, and later updates can name it to thread under it.
 */
export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${idempotencyKey.replace(/[^A-Za-z0-9.-]/g, '.')}@${domain}>`;
}

/** An address on the page in the reader's language and zone; the page's defaults leave the query out. */
export function siteLink(site: MailSite, path: string, lang: Language, zone: string): string {
  const query = new URLSearchParams();
  if (lang !== site.languages[0]) query.set('lang', lang);
  if (zone !== site.timeZone) query.set('tz', zone);
  const search = query.toString();
  return `${site.url}${path}${search ? `?${search}` : ''}`;
}

/**
 * One public update as a mail, laid out as the status page shows it: the subject names the status
 * (`[Investigating] Degraded performance`), times are written in the subscriber's zone with their offset.
 */
export function renderUpdateMail(site: MailSite, update: UpdateMailView, lang: Language, zone: string) {
  const words = messages(lang);
  const mail = subscriptionMessages(lang);
  const status = words.incidentStatus[update.status];
  const posted = `${words.posted} ${formatPosted(update.publishedAt, zone, lang)}`;
  const affected = affectedComponents(update.components, lang, update.componentGroups);
  const incidentUrl = siteLink(site, `/incidents/${update.incidentId}`, lang, zone);
  const changes = update.componentChanges.map(
    (change) => `${change.name}: ${words.componentState[change.oldState]} → ${words.componentState[change.newState]}`,
  );
  const footer = mail.receivingBecause(site.name);

  const text = [
    update.title,
    '',
    `${status} - ${update.body}`,
    ...(changes.length > 0 ? ['', words.componentChanges, ...changes.map((change) => `• ${change}`)] : []),
    '',
    posted,
    ...(affected ? [`${words.thisIncidentAffected}: ${affected}`] : []),
    '',
    `${mail.viewIncident}: ${incidentUrl}`,
    '',
    '-- ',
    footer,
    `${mail.unsubscribe}: ${update.unsubscribeUrl}`,
    '',
  ].join('\n');

  const [first = '', ...rest] = htmlParagraphs(update.body);
  const html = `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${escapeHtml(update.title)}</title></head>
<body>
<h1>${escapeHtml(update.title)}</h1>
<p class="update-body"><strong>${escapeHtml(status)}</strong> - ${first}</p>
${rest.map((paragraph) => `<p class="update-body">${paragraph}</p>`).join('\n')}
${changes.length > 0 ? `<h2>${escapeHtml(words.componentChanges)}</h2>\n<ul>${changes.map((change) => `<li>${escapeHtml(change)}</li>`).join('')}</ul>` : ''}
<p>${escapeHtml(posted)}</p>
${affected ? `<p>${escapeHtml(words.thisIncidentAffected)}: ${escapeHtml(affected)}</p>` : ''}
<p><a href="${escapeHtml(incidentUrl)}">${escapeHtml(mail.viewIncident)}</a></p>
<hr>
<p>${escapeHtml(footer)} <a href="${escapeHtml(update.unsubscribeUrl)}">${escapeHtml(mail.unsubscribe)}</a></p>
</body>
</html>
`;
  // A title is one line (the text rule refuses line breaks in it), so the subject carries it as typed;
  // the mailer turns a break in a row stored before the rule into a space, so no header can be forged.
  return { subject: `[${status}] ${update.title}`, text, html };
}
