/**
 * Benchmark (prints figures; not a test): the dashboard's first paint. Debian's Chromium
 * (playwright-core) loads the controller's /ui, signed out, BENCH_DASHBOARD_LOADS times (20), each
 * in a fresh context (nothing cached): first contentful paint, and the time until the sign-in form
 * can be typed into (the script loaded, ran and rendered it). Baseline, in the same run: a bare
 * node:http server answering a page that shows the same form as plain HTML, no script. Also the
 * size of what the page loads (the script and stylesheet, raw and gzipped).
 *
 * Run: npx tsc -p tsconfig.json && node scripts/build-ui.mjs && npx tsc -p tsconfig.bench.json && node dist-bench/bench/dashboard.js
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../test/helpers/chromium.js';
import { startCluster } from '../test/helpers/cluster.js';
import { REPO_ROOT } from '../test/helpers/repo-root.js';
import { intEnv, stats } from './measure.js';

const LOADS = intEnv('BENCH_DASHBOARD_LOADS', 20);

async function measureLoads(browser: Browser, url: string): Promise<{ fcp: number[]; ready: number[] }> {
  const fcp: number[] = [];
  const ready: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('input#token').waitFor();
    const times = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
      ready: performance.now(),
    }));
    fcp.push(times.fcp);
    ready.push(times.ready);
    await context.close();
  }
  return { fcp, ready };
}

const cluster = await startCluster();
const browser = await launchChromium();
const baseline = createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    '<!doctype html><html lang="en"><title>Berth</title><main><h1>Sign in to Berth</h1><label for="token">API token</label><input id="token" type="password"></main></html>',
  );
});
await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
try {
  const port = (baseline.address() as { port: number }).port;
  // One load each first, so neither side pays for the browser's own start.
  await measureLoads(browser, `http://127.0.0.1:${port}/`);
  const bare = await measureLoads(browser, `http://127.0.0.1:${port}/`);
  const ui = await measureLoads(browser, `http://127.0.0.1:${cluster.controller.httpPort}/ui`);
  const size = async (file: string) => {
    const bytes = await readFile(join(REPO_ROOT, 'dist', 'ui', 'assets', file));
    return `${file} ${bytes.length} bytes (${gzipSync(bytes).length} gzipped)`;
  };
  const f = (xs: number[]) => stats(xs);
  console.log(`dashboard: ${LOADS} loads of /ui, signed out, each in a fresh browser context (Chromium, 1280x800, loopback)`);
  console.log(`  assets: ${await size('app.js')}, ${await size('style.css')}`);
  for (const [what, key] of [
    ['first contentful paint', 'fcp'],
    ['sign-in form ready', 'ready'],
  ] as const) {
    const u = f(ui[key]);
    const b = f(bare[key]);
    console.log(
      `  ${what}: p50 ${u.p50.toFixed(1)} ms, p99 ${u.p99.toFixed(1)} ms; bare HTML page p50 ${b.p50.toFixed(1)} ms, p99 ${b.p99.toFixed(1)} ms; p50 ${(u.p50 / b.p50).toFixed(2)}x`,
    );
  }
} finally {
  await browser.close();
  baseline.close();
  await cluster.close();
}
