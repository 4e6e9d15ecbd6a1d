import { type ReportVersions, reportBlocks, versionFor } from '../domain/report.ts';
import type { Language } from '../i18n/languages.ts';
import { messages } from '../i18n/messages.ts';
import { shippedTemplates } from '../i18n/report-templates.ts';
import { subscriptionMessages } from '../i18n/subscription-messages.ts';
import { escapeHtml } from '../status-page/html/escape.ts';
import { htmlParagraphs } from '../status-page/html/paragraphs.ts';
import { formatPosted } from '../time/format.ts';
import { type MailSite, siteLink } from './update-mail.ts';

export interface ReportMailView {
  incidentId: string;
  title: string;
  /** The report as written, per language; a report written as one text has none, and `body` is it. */
  versions: ReportVersions;
  body: string;
  publishedAt: Date;
  unsubscribeUrl: string;
}

/**
 * An incident report as a mail, whole: in the subscriber's language where the report has it (else
 * the page's default one), each section under its title, the time in the subscriber's zone.
 */
export function renderReportMail(site: MailSite, report: ReportMailView, lang: Language, zone: string) {
  const words = messages(lang);
  const mail = subscriptionMessages(lang);
  const version = versionFor(report.versions, lang, site.languages);
  const written = version?.lang ?? lang;
  const blocks = version
    ? reportBlocks(version.sections, site.reportTitles?.[written] ?? shippedTemplates[written].titles)
    : [{ section: 'happened' as const, title: null, text: report.body }];
  const posted = `${words.posted} ${formatPosted(report.publishedAt, zone, lang)}`;
  const reportUrl = `${siteLink(site, `/incidents/${report.incidentId}`, written, zone)}#report`;
  const footer = mail.receivingBecause(site.name);
  const heading = `${words.incidentReport}: ${report.title}`;

  const text = [
    heading,
    '',
    ...blocks.flatMap((block) => [...(block.title ? [block.title] : []), block.text, '']),
    posted,
    '',
    `${mail.viewIncident}: ${reportUrl}`,
    '',
    '-- ',
    footer,
    `${mail.unsubscribe}: ${report.unsubscribeUrl}`,
    '',
  ].join('\n');

  const sections = blocks.map(
    (block) =>
      `${block.title ? `<h2>${escapeHtml(block.title)}</h2>\n` : ''}${htmlParagraphs(block.text)
        .map((paragraph) => `<p>${paragraph}</p>`)
        .join('\n')}`,
  );
  const html = `<!doctype html>
<html lang="${escapeHtml(written)}">
<head><meta charset="utf-8"><meta name="color-scheme" content="light dark"><title>${escapeHtml(heading)}</title></head>
<body>
<h1>${escapeHtml(heading)}</h1>
${sections.join('\n')}
<p>${escapeHtml(posted)}</p>
<p><a href="${escapeHtml(reportUrl)}">${escapeHtml(mail.viewIncident)}</a></p>
<hr>
<p>${escapeHtml(footer)} <a href="${escapeHtml(report.unsubscribeUrl)}">${escapeHtml(mail.unsubscribe)}</a></p>
</body>
</html>
`;
  return { subject: `[${words.incidentReport}] ${report.title}`, text, html };
}
