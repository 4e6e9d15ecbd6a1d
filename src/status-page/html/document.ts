import type { Language } from '../../i18n/languages.ts';
import { messages, type Messages } from '../../i18n/messages.ts';
import type { PublicPage } from '../../domain/public-page/snapshot.ts';
import { escapeHtml } from './escape.ts';

export interface PageOptions {
  lang: Language;
  /** IANA zone the visitor reads times in. */
  zone: string;
}

/** Where a page lives: its path and the query parameters that select it (`page=2`). */
export interface PageAddress {
  path: string;
  params?: Readonly<Record<string, string>>;
}

export interface DocumentParts {
  /** The document title, unescaped. */
  title: string;
  address: PageAddress;
  /** The home page names the site in its h1; every other page links home from the header and has its own h1. */
  home: boolean;
  /** The markup inside <main>. */
  main: string;
}

/**
 * A link to a page of the site that keeps the visitor's language and zone, each only when it is not the
 * page's default: default URLs stay short, and every visitor of a default page shares one cached body.
 */
export function linkTo(page: PublicPage, options: PageOptions, address: PageAddress): string {
  const query = new URLSearchParams(address.params);
  if (options.lang !== page.languages[0]) query.set('lang', options.lang);
  if (options.zone !== page.timeZone) query.set('tz', options.zone);
  const search = query.toString();
  return search ? `${address.path}?${search}` : address.path;
}

/**
 * One complete document of the public site: no script and no inline style, so every page works with
 * JavaScript off and under a CSP that allows nothing but the site's own stylesheet.
 */
export function renderDocument(page: PublicPage, options: PageOptions, parts: DocumentParts): string {
  const text = messages(options.lang);
  const name = escapeHtml(page.name);
  const header = parts.home ? `<h1>${name}</h1>` : `<p class="page-name"><a href="${escapeHtml(linkTo(page, options, { path: '/' }))}">${name}</a></p>`;
  // The empty data: icon stops browsers from asking for /favicon.ico, which this handler does not own.
  return `<!doctype html>
<html lang="${escapeHtml(options.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${escapeHtml(parts.title)}</title>
<link rel="stylesheet" href="/assets/style.css">
<link rel="icon" href="data:,">
<link rel="alternate" type="application/json" href="/api/v2/summary.json">
</head>
<body>
<header class="page-header">${header}</header>
<main>
${parts.main}
</main>
${footer(page, options, text, parts.address)}
</body>
</html>
`;
}

function footer(page: PublicPage, options: PageOptions, text: Messages, address: PageAddress): string {
  const languages = page.languages
    .map((lang) => {
      const label = escapeHtml(messages(lang).languageName);
      if (lang === options.lang) return `<li><span aria-current="true" lang="${lang}">${label}</span></li>`;
      // The zone travels with a language switch only when the visitor chose one, keeping default URLs short.
      const query = new URLSearchParams({ ...address.params, lang });
      if (options.zone !== page.timeZone) query.set('tz', options.zone);
      const href = escapeHtml(`${address.path}?${query.toString()}`);
      return `<li><a href="${href}" hreflang="${lang}" lang="${lang}">${label}</a></li>`;
    })
    .join('');
  const switcher = page.languages.length > 1 ? `<nav class="languages" aria-label="${escapeHtml(text.language)}"><ul>${languages}</ul></nav>` : '';
  // The form reloads the same page, so the parameters that select it ride along as hidden fields.
  const hidden = Object.entries({ ...address.params, lang: options.lang })
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  return `<footer class="page-footer">
${switcher}
<form class="zone-form" method="get" action="${escapeHtml(address.path)}">
${hidden}
<label for="tz">${escapeHtml(text.timeZone)}</label>
<input id="tz" name="tz" value="${escapeHtml(options.zone)}" autocomplete="off" spellcheck="false">
<button type="submit">${escapeHtml(text.apply)}</button>
</form>
<p><a href="/api/v2/summary.json">${escapeHtml(text.api)}</a></p>
</footer>`;
}
