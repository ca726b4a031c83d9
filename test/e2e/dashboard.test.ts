/**
 * The dashboard end to end, in Debian's Chromium driven by playwright-core, against a real
 * controller, NATS, an agent and Docker: sign in with the admin token, find the app and its routed
 * release, click rollback and watch the deployment go live phase by phase until the old release is
 * routed again; find why a push did not deploy in the hook log; drain and undrain the agent; sign
 * in read-only and find no action buttons and no secret; reveal env values and the hook URL as an
 * admin; follow an app's logs live; watch a one-off run on the events page and its own; a forged
 * cross-site form post from another origin changes nothing. With BERTH_UI_SCREENSHOTS=1 the pages are saved to docs/images.
 */
import { createServer, type Server } from 'node:http';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverUrl } from '../../controller/core/app-routes.js';
import { appDeployments } from '../../controller/pipeline/stored-records.js';
import { specText } from '../helpers/app-specs.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { applySpec, deploy, removeAppContainers } from '../helpers/deployments.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { TEST_IMAGE } from '../helpers/test-image.js';

const suffix = uniqueSuffix();
const app = `dash-${suffix}`;
const SCREENSHOTS = process.env.BERTH_UI_SCREENSHOTS === '1' ? join(REPO_ROOT, 'docs', 'images') : null;

let cluster: Cluster;
let browser: Browser;
let base: string;
let evil: Server;

/** An env value no page may show before an admin reveals it. */
const apiKey = `key-${suffix}`;
const spec = (version: string) =>
  specText({
    name: app,
    env: { VERSION: version, API_KEY: apiKey },
    // httpd -v writes a line for each request it answers: the logs page has something to follow.
    services: { web: { image: TEST_IMAGE, command: 'echo "web $VERSION up"; exec httpd -f -v -p $PORT -h /www', port: 8080, scale: 2 } },
    schedules: [{ name: 'nightly', cron: '0 3 * * *', command: 'echo nightly' }],
  });

beforeAll(async () => {
  cluster = await startCluster({ stabilityWindow: '300ms' });
  await cluster.startAgent(`dash-agent-${suffix}`);
  for (const version of ['one', 'two']) {
    applySpec(cluster.controller, spec(version));
    const d = await deploy(cluster.controller, app);
    expect(d.state, d.failure?.reason).toBe('succeeded');
  }
  base = `http://127.0.0.1:${cluster.controller.httpPort}`;
  browser = await launchChromium();
  // Another origin (another port): a page that posts a form to the controller on load.
  evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      `<form id="f" method="POST" enctype="text/plain" action="${base}/ui/api/rpc/SetEnv"><input name='{"app":"${app}","values":{"EVIL":"1"},"x":"' value='"}'></form><script>document.getElementById('f').submit()</script>`,
    );
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  if (SCREENSHOTS) await mkdir(SCREENSHOTS, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  evil?.close();
  await removeAppContainers(app);
  await cluster?.close();
}, 60_000);

async function signedInPage(token: string) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems: string[] = [];
  // A Content-Security-Policy refusal or a script error shows on the console.
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/ui`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Apps' }).waitFor();
  return { context, page, problems };
}

/** Starts a run as berth run does, through the same admin API, from the page's session; its id. */
async function startRun(page: Page, appName: string, command: string[]): Promise<string> {
  const started = await page.evaluate(
    async ({ appName, command }) => {
      const me = (await (await fetch('/ui/api/session')).json()) as { csrf: string };
      const res = await fetch('/ui/api/rpc/StartRun', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-berth-csrf': me.csrf },
        body: JSON.stringify({ app: appName, command }),
      });
      return (await res.json()) as { run: { id: string } };
    },
    { appName, command },
  );
  return started.run.id;
}

describe('the dashboard in Chromium', { timeout: 180_000 }, () => {
  it('an admin signs in, rolls back with one click and watches it go live phase by phase', async () => {
    const { context, page, problems } = await signedInPage(cluster.controller.adminToken);
    const row = page.getByRole('row', { name: new RegExp(app) });
    await expect.poll(() => row.textContent()).toContain('v2');
    // Instance health from the agent's reports, and the last deployment with its state.
    await expect.poll(() => row.textContent()).toContain('2/2 healthy');
    const lastDeployment = appDeployments(cluster.controller.store, app)[0];
    expect(await row.textContent()).toContain(`${lastDeployment?.id} succeeded`);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-apps.png') });
    await page.getByRole('link', { name: app }).click();
    await page.getByRole('button', { name: 'Roll back to v1' }).click();
    await page.waitForURL(/#\/deployments\/[0-9a-f]+$/);
    // Every state the page showed, as the controller pushed them.
    const shown = new Set<string>();
    const state = page.getByTestId('deployment-state');
    for (let until = Date.now() + 90_000; Date.now() < until; ) {
      const text = (await state.textContent().catch(() => '')) ?? '';
      if (text) shown.add(text);
      if (['succeeded', 'failed', 'cancelled'].includes(text)) break;
      await page.waitForTimeout(50);
    }
    expect([...shown].at(-1)).toBe('succeeded');
    // Live: at least one phase before the end was on the page, not only the result.
    expect([...shown].filter((s) => s !== 'succeeded').length).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.phases li.done').count()).toBeGreaterThanOrEqual(4);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-deployment.png'), fullPage: true });
    // The real outcome: the controller routes v1 again.
    expect(cluster.controller.store.data.apps[app]?.routed?.release).toBe('v1');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('at phone width the pages fit: nothing wider than the screen but the tables, which scroll', async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const page = await context.newPage();
    await page.goto(`${base}/ui`);
    await page.getByLabel('API token').fill(cluster.controller.adminToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: app }).click();
    await page.getByRole('heading', { name: 'Releases' }).waitFor();
    // The page itself does not scroll sideways; a wide table scrolls inside its own box.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png'), fullPage: true });
    await context.close();
  });

  it('a read-only session sees no action buttons', async () => {
    const admin = await signedInPage(cluster.controller.adminToken);
    const created = await admin.page.evaluate(async () => {
      const me = (await (await fetch('/ui/api/session')).json()) as { csrf: string };
      const res = await fetch('/ui/api/rpc/CreateToken', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-berth-csrf': me.csrf },
        body: JSON.stringify({ name: 'dashboard-viewer', readOnly: true }),
      });
      return (await res.json()) as { token: string };
    });
    await admin.context.close();
    const { context, page, problems } = await signedInPage(created.token);
    await expect.poll(() => page.getByText('(read-only)').count()).toBe(1);
    await page.getByRole('link', { name: app }).click();
    await page.getByRole('heading', { name: 'Releases' }).waitFor();
    await page.getByRole('cell', { name: 'v1' }).first().waitFor();
    await page.getByRole('cell', { name: 'API_KEY', exact: true }).waitFor();
    expect(await page.getByRole('button', { name: /Roll back|Deploy|Cancel|Reveal|Unset|Set variable|Run|New hook URL/ }).count()).toBe(0);
    expect(await page.getByRole('textbox').count()).toBe(0);
    // Env names but not their values, and not the hook's token, anywhere on the page.
    await page.getByRole('cell', { name: 'API_KEY', exact: true }).waitFor();
    await page.getByText('only an admin can reveal it').waitFor();
    const html = await page.content();
    expect(html).not.toContain(apiKey);
    expect(html).not.toContain(cluster.controller.store.data.apps[app]?.hook.token);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the hook log says why a push did not deploy; the agents page drains and undrains an agent', async () => {
    // A push for a repository no service of the app builds: decided "ignored", with the reason.
    const token = cluster.controller.store.data.apps[app]?.hook.token ?? '';
    const push = await fetch(`${base}/hooks/redeploy/${app}/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': `dash-${suffix}` },
      body: JSON.stringify({ ref: 'refs/heads/main', after: 'a'.repeat(40), repository: { clone_url: 'https://github.com/example/elsewhere.git' } }),
    });
    expect(push.status).toBeLessThan(300);
    const { context, page, problems } = await signedInPage(cluster.controller.adminToken);
    await page.getByRole('link', { name: app }).click();
    await page.getByRole('link', { name: 'Hook log' }).click();
    const delivery = page.getByRole('row', { name: new RegExp(`dash-${suffix}`) });
    await expect.poll(() => delivery.textContent()).toMatch(/ignored/);
    expect(await delivery.textContent()).toContain(cluster.controller.store.data.hookLog[app]?.at(-1)?.reason ?? 'no reason');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-hooks.png') });

    const agentId = `dash-agent-${suffix}`;
    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('button', { name: `Drain ${agentId}` }).click();
    await page.getByRole('button', { name: `Undrain ${agentId}` }).waitFor();
    expect(cluster.controller.store.data.agents[agentId]?.draining).toBe(true);
    await page.getByRole('button', { name: `Undrain ${agentId}` }).click();
    await page.getByRole('button', { name: `Drain ${agentId}` }).waitFor();
    expect(cluster.controller.store.data.agents[agentId]?.draining).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("env values and the hook URL show only when an admin reveals them; an admin sets and unsets a variable; the app's logs follow live", async () => {
    const { context, page, problems } = await signedInPage(cluster.controller.adminToken);
    await page.getByRole('link', { name: app }).click();
    const envTable = page.getByRole('table', { name: 'environment' });
    await envTable.getByRole('cell', { name: 'API_KEY', exact: true }).waitFor();
    const token = cluster.controller.store.data.apps[app]?.hook.token ?? '';
    expect(token).not.toBe('');
    expect(await page.content()).not.toContain(apiKey);
    expect(await page.content()).not.toContain(token);
    await page.getByRole('button', { name: 'Reveal values' }).click();
    await envTable.getByRole('cell', { name: apiKey }).waitFor();
    await page.getByRole('button', { name: 'Reveal hook URL' }).click();
    expect(await page.getByTestId('hook-url').textContent()).toBe(`${base}/hooks/redeploy/${app}/${token}`);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-app.png'), fullPage: true });

    // An admin sets a variable (kept as typed, shell characters and all) and unsets it again,
    // once the page has asked; a name that is not one is refused, saying why, and changes nothing.
    const envOf = () => cluster.controller.store.data.apps[app]?.spec.env ?? {};
    const typed = `it's "quoted" & $(not run)`;
    await page.getByRole('textbox', { name: 'Variable name' }).fill('FROM_UI');
    await page.getByRole('textbox', { name: 'Value', exact: true }).fill(typed);
    await page.getByRole('button', { name: 'Set variable' }).click();
    await envTable.getByRole('cell', { name: 'FROM_UI', exact: true }).waitFor();
    await page.getByText('Set FROM_UI: the next deploy applies it.').waitFor();
    expect(envOf().FROM_UI).toBe(typed);
    await page.getByRole('textbox', { name: 'Variable name' }).fill('1BAD');
    await page.getByRole('textbox', { name: 'Value', exact: true }).fill('x');
    await page.getByRole('button', { name: 'Set variable' }).click();
    await page.getByText('1BAD: a variable name is letters, digits and _, not starting with a digit').waitFor();
    expect(envOf()).not.toHaveProperty('1BAD');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Unset FROM_UI' }).click();
    await page.getByText('Unset FROM_UI: the next deploy applies it.').waitFor();
    expect(envOf()).not.toHaveProperty('FROM_UI');
    expect(envOf()).toHaveProperty('API_KEY', apiKey);

    // A new hook URL once the page has asked: the page shows it, the old one is refused (404) and
    // the new one answers.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'New hook URL' }).click();
    await page.getByText('A new hook URL: the old one is refused from now on.').waitFor();
    const newToken = cluster.controller.store.data.apps[app]?.hook.token ?? '';
    expect(newToken).not.toBe(token);
    expect(await page.getByTestId('hook-url').textContent()).toBe(`${base}/hooks/redeploy/${app}/${newToken}`);
    const ping = (t: string) =>
      fetch(`${base}/hooks/redeploy/${app}/${t}`, { method: 'POST', headers: { 'x-github-event': 'ping', 'content-type': 'application/json' }, body: '{}' });
    expect((await ping(token)).status).toBe(404);
    expect((await ping(newToken)).status).toBe(200);

    // The logs page: the instances' last lines, then a line written after the page opened.
    await page.getByRole('link', { name: 'Logs' }).click();
    const lines = page.getByRole('log', { name: 'log lines' });
    await expect.poll(() => lines.textContent(), { timeout: 30_000 }).toMatch(/web (one|two) up/);
    const answered = async () => ((await lines.textContent()) ?? '').split('response:200').length - 1;
    const before = await answered();
    // Each running instance of the app, asked once at its published port.
    const urls = Object.values(cluster.controller.store.data.agents).flatMap((agent) =>
      Object.values(agent.instances)
        .filter((i) => i.app === app && i.state === 'running' && i.hostPort > 0)
        .map((i) => serverUrl(agent, i.hostPort)),
    );
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect((await fetch(url)).status).toBe(200);
    await expect.poll(answered, { timeout: 30_000 }).toBeGreaterThanOrEqual(before + urls.length);
    expect(await page.getByTestId('logs-state').textContent()).toBe('following live');
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-logs.png') });
    // The one console error: the browser's own line for the refused SetEnv (400).
    expect(problems).toEqual([expect.stringContaining('status of 400')]);
    await context.close();
  });

  it('a one-off run shows up live on the events page, its output on its own page; schedules are listed; an admin runs a command from the app page', async () => {
    const { context, page, problems } = await signedInPage(cluster.controller.adminToken);
    await page.getByRole('link', { name: 'Events' }).click();
    await page.getByTestId('events-state').waitFor();
    const runId = await startRun(page, app, ['sh', '-c', 'echo "run says $VERSION"']);
    const event = page.getByRole('row', { name: new RegExp(runId) });
    await expect.poll(() => event.textContent(), { timeout: 60_000 }).toMatch(/succeeded/);
    if (SCREENSHOTS) await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-events.png') });
    await event.getByRole('link', { name: runId }).click();
    await expect.poll(() => page.getByTestId('run-state').textContent()).toBe('succeeded');
    await page.getByText(/run says (one|two)/).waitFor();
    expect(cluster.controller.store.data.runs[runId]?.state).toBe('succeeded');
    await page.getByRole('link', { name: app }).click();
    const runsTable = page.getByRole('table', { name: 'runs' });
    await runsTable.getByRole('link', { name: runId }).waitFor();
    // A run started elsewhere while the app's page is open shows up on it, pushed, with no reload.
    const elsewhere = await startRun(page, app, ['true']);
    await runsTable.getByRole('link', { name: elsewhere }).waitFor({ timeout: 30_000 });
    const schedule = page.getByRole('table', { name: 'schedules' }).getByRole('row', { name: /nightly/ });
    expect(await schedule.textContent()).toContain('0 3 * * * (UTC)');
    // An admin runs a command from the app's page (/bin/sh -c, as berth run would) and is taken
    // to the run, which ends with its output.
    await page.getByRole('textbox', { name: 'Run a command' }).fill('echo "from the form: $VERSION" && exit 3');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/#\/runs\//);
    await expect.poll(() => page.getByTestId('run-state').textContent(), { timeout: 60_000 }).toBe('failed');
    await page.getByText(/from the form: (one|two)/).waitFor();
    const formRunId = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
    expect(cluster.controller.store.data.runs[formRunId]).toMatchObject({
      command: ['/bin/sh', '-c', 'echo "from the form: $VERSION" && exit 3'],
      exitCode: 3,
      startedBy: 'admin',
    });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a session that ends on the controller sends the page back to sign-in, saying why', async () => {
    const { context, page, problems } = await signedInPage(cluster.controller.adminToken);
    // Signed out behind the page's back (as an expiry or a controller restart would).
    const status = await page.evaluate(async () => {
      const me = (await (await fetch('/ui/api/session')).json()) as { csrf: string };
      return (await fetch('/ui/api/session', { method: 'DELETE', headers: { 'x-berth-csrf': me.csrf } })).status;
    });
    expect(status).toBeLessThan(300);
    await page.getByRole('link', { name: 'Agents' }).click();
    await page.getByRole('heading', { name: 'Sign in to Berth' }).waitFor();
    await page.getByText('Your session ended').waitFor();
    // The refused call is the only console error: the browser logs the 401 itself.
    expect(problems.filter((p) => !/401/.test(p))).toEqual([]);
    await context.close();
  });

  it('a forged cross-site form post from another origin is refused and changes nothing', async () => {
    const { context, page } = await signedInPage(cluster.controller.adminToken);
    const before = cluster.controller.store.data.apps[app]?.spec.env;
    const port = (evil.address() as { port: number }).port;
    const answered = page.waitForResponse((r) => r.url().includes('/ui/api/rpc/SetEnv'));
    await page.goto(`http://localhost:${port}/`);
    const response = await answered;
    // The session cookie is SameSite=Strict: not sent, so not signed in; the guard would refuse it anyway.
    expect([401, 403]).toContain(response.status());
    expect(cluster.controller.store.data.apps[app]?.spec.env).toEqual(before);
    expect(cluster.controller.store.data.apps[app]?.spec.env).not.toHaveProperty('EVIL');
    await context.close();
  });
});
