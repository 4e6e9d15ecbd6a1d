import type { Language } from '../i18n/languages.ts';
import { subscriptionMessages, subscriptionScope } from '../i18n/subscription-messages.ts';
import { escapeHtml } from '../status-page/html/escape.ts';
import type { MailSite } from './update-mail.ts';

function mailWithLink(lang: Language, subject: string, paragraphs: { before: string[]; after: string[] }, link: string) {
  const text = [...paragraphs.before, link, ...paragraphs.after, ''].join('\n\n');
  const html = `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body>
${paragraphs.before.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
<p><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></p>
${paragraphs.after.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('\n')}
</body>
</html>
`;
  return { subject, text, html };
}

/** The double opt-in mail: nothing is sent to the address until its link is followed and confirmed. */
export function renderConfirmMail(site: MailSite, lang: Language, parts: { confirmUrl: string; components: readonly string[] }) {
  const text = subscriptionMessages(lang);
  return mailWithLink(
    lang,
    text.confirmMailSubject(site.name),
    { before: [text.confirmMailText(site.name), subscriptionScope(parts.components, lang)], after: [text.confirmMailIgnore] },
    parts.confirmUrl,
  );
}

/** Sent instead of a confirmation when the address is subscribed already: its owner learns of the request and how to stop. */
export function renderAlreadySubscribedMail(site: MailSite, lang: Language, parts: { unsubscribeUrl: string }) {
  const text = subscriptionMessages(lang);
  return mailWithLink(lang, text.alreadyMailSubject(site.name), { before: [text.alreadyMailText(site.name)], after: [] }, parts.unsubscribeUrl);
}
