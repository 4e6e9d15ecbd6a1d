import { slugify } from './public-page/component-groups.ts';

/** Slack's limit on channel names. */
const maxNameLength = 80;

/**
 * A crisis room's name, `inc-7-smart-contacts-not-exchanging-messages`, within Slack's length and
 * character rules; Teams, whose names are shorter, trims it further.
 */
export function roomName(prefix: string, number: number, title: string, suffix = 1): string {
  const head = `${prefix}-${number}`;
  const tail = suffix > 1 ? `-${suffix}` : '';
  const slug = slugify(title)
    .slice(0, maxNameLength - head.length - tail.length - 1)
    .replace(/-+$/, '');
  return `${head}${slug ? `-${slug}` : ''}${tail}`;
}
