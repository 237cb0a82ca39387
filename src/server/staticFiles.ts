import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { extname, join, normalize, sep } from 'node:path';
import type { MiddlewareHandler } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.bin': 'application/octet-stream',
};


const gzipAsync = promisify(gzip);

const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.bin']);

async function gzipped(file: string, raw: Buffer): Promise<Buffer | null> {
  if (existsSync(`${file}.gz`)) return readFile(`${file}.gz`);
  return COMPRESSIBLE.has(extname(file)) && raw.length > 1024 ? gzipAsync(raw, { level: 6 }) : null;
}

/**
 * Serves files under `root` for GET requests whose path is not handled earlier. `index` answers
 * "/" and unknown extensionless paths (the dashboard keeps its state in the query string only).
 * Paths are normalised and must stay inside `root`.
 */
export function staticFiles(root: string, opts: { prefix?: string; index?: string; maxAge?: number } = {}): MiddlewareHandler {
  const prefix = opts.prefix ?? '/';
  // Files are read and gzipped once, on zlib's thread pool (the first page's API answers are not
  // held behind it); a file built with a gzipped twin (`basemap.bin.gz`, see web/vite.config.ts)
  // is not compressed here at all: the 1.5 MB basemap took up to a second on a loaded machine.
  const cache = new Map<string, Promise<{ raw: Buffer; gz: Buffer | null }>>();
  return async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    const path = c.req.path;
    if (!path.startsWith(prefix)) return next();
    let rel = decodeURIComponent(path.slice(prefix.length));
    if ((rel === '' || !extname(rel)) && opts.index) rel = opts.index;
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || !existsSync(file)) return next();
    let pending = cache.get(file);
    if (!pending) {
      pending = readFile(file).then(async (raw) => ({ raw, gz: await gzipped(file, raw) }));
      cache.set(file, pending);
      pending.catch(() => cache.delete(file)); // a failed read is retried by the next request
    }
    const entry = await pending;
    const gzip = entry.gz !== null && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    c.header('Vary', 'Accept-Encoding');
    if (gzip) c.header('Content-Encoding', 'gzip');
    // Vite names assets by content hash, so they may be cached for good; others are revalidated.
    c.header('Cache-Control', rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : `public, max-age=${opts.maxAge ?? 0}`);
    return c.body(new Uint8Array(gzip ? entry.gz! : entry.raw));
  };
}
