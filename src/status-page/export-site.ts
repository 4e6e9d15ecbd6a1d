import { chmod, lstat, mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';

interface FetchedPage {
  status: number;
  body: Buffer;
  contentType: string;
}

export type FetchPath = (path: string) => Promise<FetchedPage>;

interface ExportedFile {
  /** The public path, e.g. `/incidents/INC-7`. */
  path: string;
  /** Where it was written, relative to the export directory with `/` separators, e.g. `incidents/INC-7/index.html`. */
  file: string;
  contentType: string;
  bytes: number;
}

export interface ExportProgress extends ExportedFile {
  done: number;
  total: number;
}

export interface ExportSiteOptions {
  dir: string;
  paths: readonly string[];
  fetchPath: FetchPath;
  onProgress?: (progress: ExportProgress) => void;
}

export interface ExportResult {
  dir: string;
  files: ExportedFile[];
  bytes: number;
}

class ExportError extends Error {
  override name = 'ExportError';
}

/**
 * Static servers and object stores pick the Content-Type from the extension; a page is exported only
 * when the type the process sends is the one such a server will send for its file.
 */
const contentTypesByExtension: Readonly<Record<string, string>> = {
  '.html': 'text/html',
  '.json': 'application/json',
  '.css': 'text/css',
  '.atom': 'application/atom+xml',
  '.rss': 'application/rss+xml',
  '.xml': 'application/xml',
  '.txt': 'text/plain',
  '.js': 'text/javascript',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Marks a directory as one this function wrote, so a later export may replace it and nothing else. */
export const exportMarker = '.crisisroom-export';

/** Letters, digits and `._~-`, never starting with a dot: no `..`, no hidden files, nothing to decode. */
const safeSegment = /^[A-Za-z0-9_~-][A-Za-z0-9._~-]*$/;

/**
 * The file a static server must hold for a public path: `/` → `index.html`, `/incidents/INC-7` →
 * `incidents/INC-7/index.html`, `/history?page=2` → `history/page/2/index.html`, and a path whose last
 * segment has an extension (`/api/v2/summary.json`, `/history.atom`) as it is. Anything that cannot
 * be a plain file (another query, `..`, `%`, `\`, empty segments) is refused.
 */
export function staticFileFor(path: string): string {
  const match = /^(\/[^?#]*)(?:\?page=([1-9][0-9]{0,5}))?$/.exec(path);
  if (!match) throw new ExportError(`${JSON.stringify(path)} cannot be exported as a static file (only ?page=N queries are)`);
  const [, pathname = '/', page] = match;
  const trailingSlash = pathname.endsWith('/');
  const segments = pathname.split('/').slice(1, trailingSlash ? -1 : undefined);
  for (const segment of segments) {
    if (!safeSegment.test(segment)) throw new ExportError(`${JSON.stringify(path)} has a segment that is unsafe as a file name: ${JSON.stringify(segment)}`);
  }
  const last = segments.at(-1);
  if (page === undefined && !trailingSlash && last !== undefined && extname(last) !== '') return segments.join('/');
  if (page !== undefined && last !== undefined && extname(last) !== '') {
    throw new ExportError(`${JSON.stringify(path)}: only pages take ?page=N`);
  }
  return [...segments, ...(page === undefined ? [] : ['page', page]), 'index.html'].join('/');
}

/**
 * Fetches every path and writes it under `dir` so a static file server or object store serves the same
 * site. All files go to a fresh directory beside `dir` that replaces it only once complete: readers and
 * sync tools never see half an export, and a failed export leaves the previous one in place.
 */
export async function exportSite({ dir, paths, fetchPath, onProgress }: ExportSiteOptions): Promise<ExportResult> {
  const target = resolve(dir);
  const parent = dirname(target);
  if (parent === target) throw new ExportError('refusing to export to the file system root');
  const planned = plan(paths);
  await checkReplaceable(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(target)}.export-`));
  try {
    const files: ExportedFile[] = [];
    let bytes = 0;
    for (const [index, { path, file }] of planned.entries()) {
      const page = await fetchPath(path);
      if (page.status !== 200) throw new ExportError(`GET ${path} answered ${page.status}; nothing was exported`);
      const contentType = checkContentType(path, file, page.contentType);
      const destination = join(staging, ...file.split('/'));
      const fromStaging = relative(staging, destination);
      if (fromStaging.startsWith(`..${sep}`) || fromStaging === '..' || isAbsolute(fromStaging)) {
        throw new ExportError(`${JSON.stringify(path)} would be written outside ${target}`);
      }
      await mkdir(dirname(destination), { recursive: true });
      // 'wx' fails on an existing name, symlinks included: nothing written here can land elsewhere.
      await writeFile(destination, page.body, { flag: 'wx' });
      const exported = { path, file, contentType, bytes: page.body.length };
      files.push(exported);
      bytes += page.body.length;
      onProgress?.({ ...exported, done: index + 1, total: planned.length });
    }
    await writeFile(join(staging, exportMarker), 'Written by `crisisroom export-site`; the next export replaces this directory.\n', { flag: 'wx' });
    // mkdtemp makes the directory private; the export is a public site that a web server user must read.
    await chmod(staging, 0o755);
    await replaceDirectory(staging, target);
    return { dir: target, files, bytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Maps every path to its file up front, so a bad or clashing path fails before anything is fetched. */
function plan(paths: readonly string[]): { path: string; file: string }[] {
  const owners = new Map<string, string>();
  return paths.map((path) => {
    const file = staticFileFor(path);
    const owner = owners.get(file.toLowerCase());
    // Case-insensitive file systems and some object stores would merge these two files into one.
    if (owner !== undefined) throw new ExportError(`${JSON.stringify(path)} and ${JSON.stringify(owner)} would both be written to ${file}`);
    owners.set(file.toLowerCase(), path);
    return { path, file };
  });
}

function checkContentType(path: string, file: string, contentType: string): string {
  const extension = extname(file);
  const expected = contentTypesByExtension[extension];
  if (!expected) throw new ExportError(`${file} (from ${path}): no known content type for "${extension}", static servers would guess one`);
  const actual = contentType.split(';', 1)[0]!.trim().toLowerCase();
  if (actual !== expected) {
    throw new ExportError(`GET ${path} answered ${contentType || 'no content type'}, but a static server would send ${file} as ${expected}`);
  }
  return contentType;
}

/** Only an absent directory, an empty one or an earlier export may be replaced: a typo must not wipe a home directory. */
async function checkReplaceable(target: string): Promise<void> {
  let stats;
  try {
    stats = await lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if (!stats.isDirectory()) throw new ExportError(`${target} exists and is not a directory`);
  const entries = await readdir(target);
  if (entries.length > 0 && !entries.includes(exportMarker)) {
    throw new ExportError(`${target} is not empty and was not written by export-site; choose a new or empty directory`);
  }
}

async function replaceDirectory(staging: string, target: string): Promise<void> {
  await checkReplaceable(target);
  const previous = `${staging}.previous`;
  let moved = false;
  try {
    await rename(target, previous);
    moved = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(staging, target);
  } catch (error) {
    if (moved) await rename(previous, target);
    throw error;
  }
  if (moved) await rm(previous, { recursive: true, force: true });
}

/** A FetchPath for a server that answers on `origin`, e.g. the page handler on a loopback port. */
export function fetchFrom(origin: string): FetchPath {
  return async (path) => {
    // Joined as text: new URL('//elsewhere/x', origin) would leave the origin.
    if (!path.startsWith('/') || path.startsWith('//')) throw new ExportError(`${JSON.stringify(path)} is not a path on ${origin}`);
    const response = await fetch(`${origin}${path}`, { redirect: 'manual' });
    return {
      status: response.status,
      body: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? '',
    };
  };
}
