import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { exportMarker, exportSite, fetchFrom, staticFileFor, type FetchPath } from '../../src/status-page/export-site.ts';
import { createFeedHandler } from '../../src/status-page/feed-routes.ts';
import { createStatusPageHandler } from '../../src/status-page/routes.ts';
import { sitePaths } from '../../src/status-page/site-paths.ts';
import { takeBlipSnapshot } from '../status-page/fixtures.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => boolean;

async function listen(handle: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ server: Server; origin: string }> {
  const server = createServer(handle);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What nginx's mime.types (and most static servers) send for these extensions. */
const staticTypes: Record<string, string> = {
  '.html': 'text/html',
  '.json': 'application/json',
  '.css': 'text/css',
  '.atom': 'application/atom+xml',
  '.rss': 'application/rss+xml',
};

/** A plain static file server, like `try_files $uri $uri/index.html` in nginx. */
function serveDirectory(root: string) {
  return listen((req, res) => {
    const file = join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const path = existsSync(file) && lstatSync(file).isDirectory() ? join(file, 'index.html') : file;
    if (!path.startsWith(root + sep) || !existsSync(path)) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { 'Content-Type': staticTypes[extname(path)] ?? 'application/octet-stream' });
    res.end(readFileSync(path));
  });
}

const mediaType = (contentType: string | null) => (contentType ?? '').split(';')[0]!.trim();
const filesUnder = (dir: string) =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => !lstatSync(join(dir, path)).isDirectory())
    .map((path) => path.split(sep).join('/'))
    .sort();
const scratchDirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-export-'));
  scratchDirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe('static paths', () => {
  test('each public path maps to the file a static server answers it with', () => {
    expect(
      [
        '/',
        '/history',
        '/history?page=2',
        '/history/page/3/',
        '/incidents/INC-7',
        '/api/v2/summary.json',
        '/api/v2/incidents/unresolved.json',
        '/history.atom',
        '/assets/style.css',
      ].map(staticFileFor),
    ).toEqual([
      'index.html',
      'history/index.html',
      'history/page/2/index.html',
      'history/page/3/index.html',
      'incidents/INC-7/index.html',
      'api/v2/summary.json',
      'api/v2/incidents/unresolved.json',
      'history.atom',
      'assets/style.css',
    ]);
  });

  test.each([
    '/../etc/passwd',
    '/a/../../b',
    '/a/%2e%2e/b',
    '/a\\..\\b',
    '//elsewhere/x',
    '/a//b',
    '/.hidden',
    '/?lang=pt-BR',
    '/history?page=0',
    '/x.json?page=2',
    'relative',
    '/a#b',
  ])('refuses %s', (path) => {
    expect(() => staticFileFor(path)).toThrow();
  });

  test('history pages follow the page size; every incident gets its page', () => {
    const paths = sitePaths(takeBlipSnapshot(), { historyPageSize: 2 });
    expect(paths.filter((path) => path.startsWith('/history'))).toEqual(['/history', '/history/page/2/', '/history.atom', '/history.rss']);
    expect(paths.filter((path) => path.startsWith('/incidents/'))).toEqual(['/incidents/INC-1042', '/incidents/INC-1038', '/incidents/INC-1001']);
  });
});

describe('exportSite', () => {
  const snapshot = takeBlipSnapshot();
  const routes: Handler[] = [createStatusPageHandler(() => snapshot), createFeedHandler(() => snapshot)];
  let site: { server: Server; origin: string };
  let fetchPath: FetchPath;

  beforeAll(async () => {
    site = await listen((req, res) => {
      if (!routes.some((route) => route(req, res))) {
        res.writeHead(404);
        res.end();
      }
    });
    fetchPath = fetchFrom(site.origin);
  });
  afterAll(async () => {
    await new Promise((done) => site?.server.close(done));
  });

  test('writes every page; a static file server then answers with the same bytes and types', async () => {
    const dir = join(scratch(), 'site');
    const progress: string[] = [];
    const result = await exportSite({ dir, paths: sitePaths(snapshot), fetchPath, onProgress: (p) => progress.push(`${p.done}/${p.total} ${p.file}`) });
    expect(filesUnder(dir)).toEqual(
      [
        exportMarker,
        'index.html',
        'history/index.html',
        'incidents/INC-1042/index.html',
        'incidents/INC-1038/index.html',
        'incidents/INC-1001/index.html',
        'api/v2/summary.json',
        'api/v2/status.json',
        'api/v2/components.json',
        'api/v2/incidents.json',
        'api/v2/incidents/unresolved.json',
        'api/v2/scheduled-maintenances.json',
        'api/v2/scheduled-maintenances/upcoming.json',
        'api/v2/scheduled-maintenances/active.json',
        'history.atom',
        'history.rss',
        'assets/style.css',
      ].sort(),
    );
    expect(result.files).toHaveLength(16);
    expect(result.bytes).toBe(result.files.reduce((sum, file) => sum + file.bytes, 0));
    expect(progress.at(-1)).toBe('16/16 assets/style.css');
    // Nothing was written beside the export: no staging or previous directory is left behind.
    expect(readdirSync(resolve(dir, '..'))).toEqual(['site']);

    const files = await serveDirectory(dir);
    try {
      for (const { file, contentType } of result.files) {
        expect(mediaType(contentType), file).toBe(staticTypes[extname(file)]);
        expect(relative(dir, join(dir, file)).startsWith('..')).toBe(false);
      }
      for (const path of ['/', '/api/v2/summary.json', '/incidents/INC-1042', '/history.atom', '/assets/style.css']) {
        const [live, copy] = await Promise.all([fetch(`${site.origin}${path}`), fetch(`${files.origin}${path}`)]);
        expect(copy.status, path).toBe(200);
        expect(mediaType(copy.headers.get('content-type')), path).toBe(mediaType(live.headers.get('content-type')));
        expect(Buffer.from(await copy.arrayBuffer()).equals(Buffer.from(await live.arrayBuffer())), path).toBe(true);
      }
    } finally {
      await new Promise((done) => files.server.close(done));
    }
  });

  test('a failed export leaves the previous one as it was and nothing beside it', async () => {
    const dir = join(scratch(), 'site');
    await exportSite({ dir, paths: ['/', '/api/v2/summary.json'], fetchPath });
    const before = filesUnder(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]);
    const failing: FetchPath = async (path) => (path === '/history.atom' ? { status: 500, body: Buffer.from(''), contentType: 'text/plain' } : fetchPath(path));
    await expect(exportSite({ dir, paths: sitePaths(snapshot), fetchPath: failing })).rejects.toThrow('GET /history.atom answered 500');
    expect(filesUnder(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')])).toEqual(before);
    expect(readdirSync(resolve(dir, '..'))).toEqual(['site']);
  });

  test('an earlier export is replaced whole: files no longer published disappear', async () => {
    const dir = join(scratch(), 'site');
    await exportSite({ dir, paths: ['/', '/incidents/INC-1001'], fetchPath });
    await exportSite({ dir, paths: ['/'], fetchPath });
    expect(filesUnder(dir)).toEqual([exportMarker, 'index.html']);
  });

  test('refuses to replace a directory it did not write, or a symlink', async () => {
    const parent = scratch();
    const mine = join(parent, 'documents');
    mkdirSync(mine);
    writeFileSync(join(mine, 'thesis.txt'), 'precious');
    await expect(exportSite({ dir: mine, paths: ['/'], fetchPath })).rejects.toThrow('not written by export-site');
    symlinkSync(mine, join(parent, 'link'));
    await expect(exportSite({ dir: join(parent, 'link'), paths: ['/'], fetchPath })).rejects.toThrow('is not a directory');
    expect(filesUnder(mine)).toEqual(['thesis.txt']);
    expect(readdirSync(parent).sort()).toEqual(['documents', 'link']);
  });

  test('refuses a content type a static server would not send, and paths that clash', async () => {
    const dir = join(scratch(), 'site');
    const plain: FetchPath = async () => ({ status: 200, body: Buffer.from('{}'), contentType: 'text/plain' });
    await expect(exportSite({ dir, paths: ['/api/v2/summary.json'], fetchPath: plain })).rejects.toThrow(
      'a static server would send api/v2/summary.json as application/json',
    );
    await expect(exportSite({ dir, paths: ['/history?page=2', '/history/page/2/'], fetchPath })).rejects.toThrow('would both be written');
    await expect(exportSite({ dir, paths: ['/../outside.json'], fetchPath })).rejects.toThrow('unsafe');
    expect(existsSync(dir)).toBe(false);
  });
});
