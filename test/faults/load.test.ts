/**
 * Load: 50 apps deploying at once over three agents (real processes, real Docker), while an
 * operator's client keeps calling the admin API. Must hold: every deployment succeeds, and the
 * admin API's p99 latency during it stays under 1 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callUnary, required } from '../../cli/admin-client.js';
import { uniqueSuffix } from '../helpers/cluster.js';
import { TEST_IMAGE } from '../helpers/test-image.js';
import { waitFor } from '../helpers/wait-for.js';
import { recordFault } from './fault-report.js';
import { startProcessStack, type ProcessStack } from './process-stack.js';
import { specText } from '../helpers/app-specs.js';

const suffix = uniqueSuffix();
const APPS = 50;
const names = Array.from({ length: APPS }, (_, i) => `load${i}-${suffix}`);
let stack: ProcessStack;

beforeAll(async () => {
  stack = await startProcessStack({ stabilityWindow: '500ms' });
  await Promise.all(['a', 'b', 'c'].map((x) => stack.startAgent(`load-${x}-${suffix}`)));
  const admin = stack.admin();
  for (const name of names) {
    await callUnary(admin.ApplyApp.bind(admin), {
      specText: specText({
        name,
        domains: [`${name}.example.test`],
        drain: '0s',
        services: { web: { image: TEST_IMAGE, port: 8080, health: { path: '/index.html' } } },
      }),
      source: 'load',
    });
  }
}, 120_000);

afterAll(async () => {
  await stack?.close();
  for (const name of names) await stack?.removeAppContainers(name);
}, 120_000);

describe('load: 50 apps deploying at once over three agents', { timeout: 300_000 }, () => {
  it('all succeed; admin API p99 under 1 s meanwhile', async () => {
    const admin = stack.admin();
    const latencies: number[] = [];
    let calling = true;
    const operator = (async () => {
      let i = 0;
      while (calling) {
        const started = performance.now();
        const call = i++ % 2 === 0 ? callUnary(admin.ListApps.bind(admin), {}) : callUnary(admin.GetApp.bind(admin), { name: names[i % APPS] });
        await call.catch(() => undefined);
        latencies.push(performance.now() - started);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const started = Date.now();
    const deployments = await Promise.all(
      names.map(async (app) => required((await callUnary(admin.Deploy.bind(admin), { app, services: [], ref: '' })).deployment, 'deployment')),
    );
    const ends = await waitFor(
      'all 50 deployments to end',
      async () => {
        const all = await Promise.all(deployments.map((d) => stack.deployment(d.id)));
        return all.every((d) => ['succeeded', 'failed', 'cancelled'].includes(d.state)) ? all : undefined;
      },
      240_000,
      1000,
    );
    const tookS = (Date.now() - started) / 1000;
    calling = false;
    await operator;
    const sorted = [...latencies].sort((a, b) => a - b);
    const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
    const failed = ends.filter((d) => d.state !== 'succeeded');
    const lost: string[] = [];
    if (failed.length)
      lost.push(
        `${failed.length} deployments did not succeed (${failed
          .slice(0, 2)
          .map((d) => `${d.app}: ${d.failure?.reason ?? d.state}`)
          .join('; ')})`,
      );
    if (p99 >= 1000) lost.push(`admin p99 ${p99.toFixed(0)} ms`);
    recordFault({
      fault: `load: ${APPS} apps deploying at once over 3 agents (${tookS.toFixed(0)} s; admin p99 ${p99.toFixed(0)} ms over ${latencies.length} calls)`,
      injected: APPS,
      held: APPS - failed.length - (p99 >= 1000 ? 1 : 0),
      lost,
    });
    expect(lost).toEqual([]);
  });
});
