// The dashboard page (web/dashboard/): a fixed set of files read once at start and served from
// memory, so no request can name a path outside that folder. No build step: the files are
// what the browser runs.
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { ServerResponse } from 'node:http';

export const DASHBOARD_DIR = join(import.meta.dirname, '../../web/dashboard');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// Everything the page loads comes from the gateway; inline script and style are refused.
const SECURITY_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-cache',
};

export interface StaticFile {
  readonly type: string;
  readonly body: Buffer;
}

export function loadStaticFiles(dir: string = DASHBOARD_DIR): ReadonlyMap<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type !== undefined) files.set(name, { type, body: readFileSync(join(dir, name)) });
  }
  return files;
}

export function sendStatic(res: ServerResponse, file: StaticFile | undefined): void {
  if (file === undefined) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
    res.end('not found');
    return;
  }
  res.writeHead(200, {
    'Content-Type': file.type,
    'Content-Length': String(file.body.length),
    ...SECURITY_HEADERS,
  });
  res.end(file.body);
}

export function redirect(res: ServerResponse, to: string): void {
  res.writeHead(302, { Location: to, 'Content-Length': '0' });
  res.end();
}
