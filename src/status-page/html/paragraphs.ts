import { escapeHtml } from './escape.ts';

/** Where a paragraph starts: after a blank line and the blanks that follow it. */
const paragraphStart = /(?<=\n[^\S\n]*\n\s*)(?=\S)/;

/**
 * Text as the inner HTML of its paragraphs: a blank line starts a new one, a line break inside one
 * shows as a <br>. Every character stays in the markup as typed: each <br> sits before the line break
 * it shows, and the blanks between paragraphs end the paragraph they close (where HTML shows none),
 * so the paragraphs' text, joined, is the text.
 */
export function htmlParagraphs(text: string): string[] {
  return text.split(paragraphStart).map((paragraph) => {
    const end = paragraph.trimEnd().length;
    return `${escapeHtml(paragraph.slice(0, end)).replaceAll('\n', '<br>\n')}${paragraph.slice(end)}`;
  });
}
