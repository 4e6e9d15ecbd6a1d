import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import MarkdownIt from 'markdown-it';
import { describe, expect, test } from 'vitest';
import { root } from '../support/processes.ts';
import { docFiles } from '../support/typed.ts';

const markdown = new MarkdownIt();

/** A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replaceAll(' ', '-');

function read(file: string) {
  const tokens = markdown.parse(readFileSync(join(root, file), 'utf8'), {});
  const anchors = new Set<string>();
  const links: string[] = [];
  tokens.forEach((token, i) => {
    if (token.type === 'heading_open') anchors.add(anchorOf(tokens[i + 1]!.content.replaceAll('`', '')));
    for (const child of token.children ?? []) if (child.type === 'link_open') links.push(String(child.attrGet('href') ?? ''));
  });
  return { anchors, links };
}

describe('the README and docs/ link to what is there', () => {
  const pages = docFiles();

  test('the README is a front door: under 15 KB, and every guide it leaves out is in docs/', () => {
    expect(statSync(join(root, 'README.md')).size).toBeLessThan(15_000);
    const linked = new Set(read('README.md').links.map((href) => href.split('#')[0]));
    expect(pages.filter((page) => page.startsWith('docs/') && !page.startsWith('docs/decisions/') && !linked.has(page))).toEqual([]);
  });

  test('every relative link names a file of the repository, and every #anchor a heading of its page', () => {
    const broken: string[] = [];
    for (const page of pages) {
      for (const href of read(page).links) {
        if (/^[a-z]+:/i.test(href)) continue;
        const [path, anchor] = href.split('#') as [string, string | undefined];
        const target = path === '' ? page : relative(root, join(root, dirname(page), path));
        if (!existsSync(join(root, target))) broken.push(`${page}: ${href} (no ${target})`);
        else if (anchor !== undefined && target.endsWith('.md') && !read(target).anchors.has(anchor))
          broken.push(`${page}: ${href} (no heading #${anchor} in ${target})`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('the code map names only files and folders that exist', () => {
    const map = readFileSync(join(root, 'docs/architecture.md'), 'utf8');
    const named = [...map.matchAll(/`((?:src|tests)\/[^`\s]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(20);
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  test('the checker itself finds a missing page and a missing heading', () => {
    expect(anchorOf('Publishing: every update everywhere, once, in order')).toBe('publishing-every-update-everywhere-once-in-order');
    expect(anchorOf('E-mail subscribers')).toBe('e-mail-subscribers');
    expect(read('README.md').anchors.has('quick-start')).toBe(true);
    expect(read('README.md').anchors.has('no-such-heading')).toBe(false);
  });
});
