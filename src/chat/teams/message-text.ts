import { convert } from 'html-to-text';

/**
 * The plain text of a Teams message body, which Teams sends as HTML: tags dropped, entities
 * decoded, `<at>Name</at>` mentions written `@Name`, inline images left out (their addresses point
 * at Teams-hosted content nobody outside can open), links kept with their address.
 */
export function messagePlainText(body: { contentType?: string | undefined; content?: string | undefined }): string {
  const content = body.content ?? '';
  if (body.contentType === 'text') return content.trim();
  return convert(content, {
    wordwrap: false,
    formatters: {
      mention: (element, walk, builder) => {
        builder.addInline('@');
        walk(element.children, builder);
      },
    },
    selectors: [
      { selector: 'at', format: 'mention' },
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
    ],
  }).trim();
}
