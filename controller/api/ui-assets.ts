/**
 * The dashboard's page and assets (built by scripts/build-ui.mjs into dist/ui), served at /ui with
 * a Content-Security-Policy that allows only the controller's own script, style and connections
 * (no 'unsafe-inline', no other origin), and may not be framed. Only the known files are served.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const FILES: Record<string, { file: string; type: string }> = {
  '/ui': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/ui/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/ui/assets/app.js': { file: 'assets/app.js', type: 'text/javascript; charset=utf-8' },
  '/ui/assets/style.css': { file: 'assets/style.css', type: 'text/css; charset=utf-8' },
};

/** dist/ui: next to this module once built (dist/controller/api), or under dist/ when run from source (ui/ itself is the unbuilt source). */
export function findUiDir(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  // Also the repository's dist/ui seen from dist-bench/controller/api (the benchmarks' build).
  const candidates = [join(here, '..', '..', 'ui'), join(here, '..', '..', 'dist', 'ui'), join(here, '..', '..', '..', 'dist', 'ui')];
  for (const dir of candidates) if (existsSync(join(dir, 'assets', 'app.js'))) return dir;
  return null;
}

/** The files, read once at start (a few tens of KB); null when the dashboard was not built. */
export type UiAssets = Map<string, { body: Buffer; type: string }> | null;

export function loadUiAssets(dir: string | null = findUiDir()): UiAssets {
  if (!dir) return null;
  const assets = new Map<string, { body: Buffer; type: string }>();
  for (const [path, { file, type }] of Object.entries(FILES)) assets.set(path, { body: readFileSync(join(dir, file)), type });
  return assets;
}

/** Answers GET /ui and its assets; false when `path` is none of them. */
export function serveUiAsset(assets: UiAssets, path: string, res: ServerResponse): boolean {
  if (!Object.hasOwn(FILES, path)) return false;
  const asset = assets?.get(path);
  const security = {
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
  if (!asset) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', ...security });
    res.end('the dashboard is not built: npm run build makes it (dist/ui)\n');
    return true;
  }
  // The page is small and changes with each version: never cached stale.
  res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache', ...security });
  res.end(asset.body);
  return true;
}
