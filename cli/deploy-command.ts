/** `berth deploy|deployments|releases|rollback|scale`: deployments through the admin API. */
import type { Command } from 'commander';
import type * as grpc from '@grpc/grpc-js';
import type { Deployment__Output } from '../proto/gen/berth/v1/Deployment.js';
import type { AdminServiceClient } from '../proto/gen/berth/v1/AdminService.js';
import { BerthError } from '../shared/errors.js';
import { callAdmin, callUnary, createAdminClient, followLeader, fromServiceError, required, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { deploymentJson, releaseJson } from './deployment-json.js';
import { formatAge, renderTable } from './format.js';
import { printJson, printLine } from './output.js';
import {
  formatClock,
  HIDE_CURSOR,
  renderInterrupted,
  renderLiveBlock,
  renderOutputLine,
  renderPlainUpdate,
  renderRedraw,
  renderSuccess,
  SHOW_CURSOR,
  toProgressState,
  type ProgressState,
} from './deploy-progress.js';

type Run = (action: () => Promise<void>) => Promise<void>;
const out = printLine;

function failureText(d: Deployment__Output): string {
  const f = d.failure;
  // The reason names the exit status where there is one.
  if (!f) return `deployment ${d.id} ${d.state}`;
  return `deployment ${d.id} ${d.state} in ${f.phase}: ${f.reason}`;
}

function describe(d: Deployment__Output): string {
  const lines = [
    `deployment ${d.id}  app ${d.app}  ${d.kind}${d.release ? `  release ${d.release}` : ''}`,
    `state       ${d.state}${d.failure ? ` (in ${d.failure.phase})` : ''}`,
    `services    ${d.services.join(', ') || 'all'}${
      Object.keys(d.refs).length
        ? `  refs ${Object.entries(d.refs)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`
        : ''
    }`,
    `instances   ${d.healthy}/${d.wanted} healthy`,
  ];
  if (d.routing) lines.push(`routing     ${d.routing.summary}`);
  if (d.postdeployAgent) lines.push(`postdeploy  on ${d.postdeployAgent}${d.hasPostdeployExitCode ? `, exit status ${d.postdeployExitCode}` : ''}`);
  if (d.failure) {
    lines.push(`failure     ${d.failure.reason}${d.failure.hasExitCode ? ` (exit status ${d.failure.exitCode})` : ''}`);
    for (const l of d.failure.output) lines.push(`  | ${l}`);
  }
  for (const w of d.warnings) lines.push(`warning     ${w}`);
  lines.push('history');
  for (const h of d.history) lines.push(`  ${new Date(Number(h.atMs)).toISOString()}  ${h.state}`);
  if (d.output.length) {
    lines.push('output');
    for (const l of d.output) lines.push(`  | ${l}`);
  }
  return lines.join('\n');
}

/** Where the watch shows progress: a live view on a terminal, timestamped lines otherwise. */
interface ProgressPrinter {
  /** One update of the watch stream, with the output lines new since the previous one. */
  show(d: Deployment__Output, lines: string[]): void;
  /** A line after the progress (the summary, a failure's output). */
  print(line: string): void;
  /** Stops redrawing; the last view stays on screen and the cursor comes back. */
  close(): void;
}

function createPlainPrinter(): ProgressPrinter {
  let last: ProgressState | null = null;
  return {
    show(d, lines) {
      const next = toProgressState(d);
      for (const line of renderPlainUpdate(last, next, lines, Date.now())) out(line);
      last = next;
    },
    print: (line) => out(`${formatClock(Date.now())} ${line}`),
    close: () => undefined,
  };
}

function createLivePrinter(stream: NodeJS.WriteStream, color: boolean): ProgressPrinter {
  let state: ProgressState | null = null;
  let height = 0;
  let frame = 0;
  let closed = false;
  const draw = (above: string[]) => {
    if (!state) return;
    const block = renderLiveBlock(state, { nowMs: Date.now(), columns: stream.columns || 80, color, frame });
    stream.write(renderRedraw(height, above, block));
    height = block.length;
  };
  // The spinner and the running phase's time move even while no update comes.
  const timer = setInterval(() => {
    frame += 1;
    draw([]);
  }, 100);
  timer.unref();
  stream.write(HIDE_CURSOR);
  return {
    show(d, lines) {
      state = toProgressState(d);
      draw(lines.map((line) => renderOutputLine(line, color)));
    },
    print: (line) => out(line),
    close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      draw([]);
      stream.write(SHOW_CURSOR);
    },
  };
}

function createPrinter(): ProgressPrinter {
  // A dumb terminal cannot move the cursor, so it gets the plain lines; colour only where asked for.
  if (process.stdout.isTTY && process.env.TERM !== 'dumb') return createLivePrinter(process.stdout, !process.env.NO_COLOR);
  return createPlainPrinter();
}

/**
 * Streams a deployment until it ends and resolves with its last state; `printer` shows the
 * progress (none: quiet). Ctrl-C stops watching, never the deployment, and exits 130.
 */
function watchDeployment(client: AdminServiceClient, id: string, printer: ProgressPrinter | null): Promise<Deployment__Output> {
  return new Promise((resolve, reject) => {
    const call = client.WatchDeployment({ id });
    let last: Deployment__Output | null = null;
    const onInterrupt = () => {
      // Only this watch ends: the deployment runs on in the controller. The exit comes before the
      // cancelled call could report an error.
      call.cancel();
      printer?.close();
      process.stderr.write(`berth: ${renderInterrupted(last?.id ?? id)}\n`);
      process.exit(130);
    };
    process.once('SIGINT', onInterrupt);
    const settle = () => {
      process.removeListener('SIGINT', onInterrupt);
      printer?.close();
    };
    call.on('data', (update) => {
      if (!update.deployment) return;
      const d = update.deployment;
      // The first update carries all the output so far; later ones only what is new.
      printer?.show(d, last === null ? d.output : update.lines);
      last = d;
    });
    call.on('error', (err: grpc.ServiceError) => {
      settle();
      reject(fromServiceError(err));
    });
    call.on('end', () => {
      settle();
      if (last) resolve(last);
      else reject(new BerthError('INTERNAL', `the controller ended the watch of ${id} without an update`));
    });
  });
}

async function getDeployment(client: AdminServiceClient, id: string): Promise<Deployment__Output> {
  return required((await callUnary(client.GetDeployment.bind(client), { id })).deployment, 'deployment');
}

/** Opens a client for one command and closes it however the command ends. */
function withClient(flags: ClientOptions, action: (client: AdminServiceClient) => Promise<void>): Promise<void> {
  return followLeader(flags, async (to) => {
    const client = createAdminClient(to);
    try {
      await action(client);
    } finally {
      client.close();
    }
  });
}

/** Shows a deployment's progress until it ends; throws DEPLOYMENT_FAILED unless it succeeded. */
async function followDeployment(client: AdminServiceClient, id: string): Promise<void> {
  const printer = createPrinter();
  const end = await watchDeployment(client, id, printer);
  if (end.state !== 'succeeded') {
    for (const line of end.failure?.output ?? []) printer.print(`    ! ${line}`);
    throw new BerthError('DEPLOYMENT_FAILED', failureText(end));
  }
  printer.print(renderSuccess(toProgressState(end)));
}

/** What deploy, rollback and scale do with the deployment they created. */
async function finish(client: AdminServiceClient, d: Deployment__Output, flags: { wait?: boolean; json?: boolean }): Promise<void> {
  if (flags.json) return printDeployment(client, d.id, flags.wait);
  if (!flags.wait) {
    out(`deployment ${d.id} ${d.state} (app ${d.app}); follow it with berth deployments show ${d.id} --wait`);
    return;
  }
  await followDeployment(client, d.id);
}

/**
 * --json: the deployment as JSON, after it ends with `wait` (quietly; exit 1 when it did not
 * succeed, as --wait does for people).
 */
async function printDeployment(client: AdminServiceClient, id: string, wait: boolean | undefined): Promise<void> {
  if (wait) await watchDeployment(client, id, null);
  const d = await getDeployment(client, id);
  printJson(deploymentJson(d));
  if (wait && d.state !== 'succeeded') throw new BerthError('DEPLOYMENT_FAILED', failureText(d));
}

export function registerDeployCommands(program: Command, run: Run): void {
  clientOptions(program.command('deploy'))
    .description('deploy a new release of an app (queued behind a running deployment)')
    .argument('<app>')
    .option('--services <list>', 'services to build, comma separated (default: all)')
    .option('--ref <ref>', 'git commit SHA, branch or tag to build')
    .option('--wait', 'show progress and exit non-zero if the deployment fails')
    .option('--json', 'print the deployment as JSON (with --wait: once it has ended)')
    .action((app: string, flags: ClientOptions & { services?: string; ref?: string; wait?: boolean; json?: boolean }) =>
      run(async () => {
        await withClient(flags, async (client) => {
          const services = flags.services
            ? flags.services
                .split(',')
                .map((s) => s.trim())
                .filter(Boolean)
            : [];
          const res = await callUnary(client.Deploy.bind(client), { app, services, ref: flags.ref ?? '' });
          await finish(client, required(res.deployment, 'deployment'), flags);
        });
      }),
    );

  clientOptions(program.command('rollback'))
    .description('deploy an earlier release again, without a build (postdeploy skipped)')
    .argument('<app>')
    .option('--to <release>', 'the release, e.g. v3 (default: the one before the routed release)')
    .option('--with-postdeploy', 'run the postdeploy command too')
    .option('--wait', 'show progress and exit non-zero if the deployment fails')
    .option('--json', 'print the deployment as JSON (with --wait: once it has ended)')
    .action((app: string, flags: ClientOptions & { to?: string; withPostdeploy?: boolean; wait?: boolean; json?: boolean }) =>
      run(async () => {
        await withClient(flags, async (client) => {
          const res = await callUnary(client.Rollback.bind(client), {
            app,
            to: flags.to ?? '',
            withPostdeploy: flags.withPostdeploy ?? false,
          });
          await finish(client, required(res.deployment, 'deployment'), flags);
        });
      }),
    );

  clientOptions(program.command('scale'))
    .description('set the number of instances of services (web=4 worker=0) and deploy it')
    .argument('<app>')
    .argument('<service=count...>')
    .option('--wait', 'show progress and exit non-zero if the deployment fails')
    .option('--json', 'print the deployment as JSON (with --wait: once it has ended)')
    .action((app: string, pairs: string[], flags: ClientOptions & { wait?: boolean; json?: boolean }) =>
      run(async () => {
        const scale: Record<string, number> = {};
        for (const pair of pairs) {
          const match = /^([a-z0-9-]+)=(\d{1,3})$/.exec(pair);
          if (!match) throw new BerthError('INVALID_ARGUMENT', `"${pair}" is not SERVICE=COUNT (e.g. web=3)`, { usage: true });
          scale[match[1] as string] = Number(match[2]);
        }
        await withClient(flags, async (client) => {
          const res = await callUnary(client.Scale.bind(client), { app, scale });
          if (!res.deployment) {
            if (flags.json) printJson({ app, scale, deployment: null });
            else out(`scale of ${app} saved; nothing is deployed yet, it applies at the first deploy`);
          } else await finish(client, res.deployment, flags);
        });
      }),
    );

  clientOptions(program.command('releases'))
    .description("list an app's releases, newest first")
    .argument('<app>')
    .option('--json', 'print JSON')
    .action((app: string, flags: ClientOptions & { json?: boolean }) =>
      run(async () => {
        const res = await callAdmin(flags, (c) => c.ListReleases, { app });
        if (flags.json) return printJson(res.releases.map(releaseJson));
        if (res.releases.length === 0) return out(`${app} has no releases yet: berth deploy ${app}`);
        const rows = res.releases.map((r) => [
          `${r.name}${r.routed ? ' *' : ''}`,
          formatAge(Number(r.createdAtMs)),
          r.services.map((s) => `${s.name}=${s.commitSha ? s.commitSha.slice(0, 12) : s.image.slice(0, 19)}`).join(' '),
          r.postdeploy || '-',
          r.deploymentId,
        ]);
        out(renderTable(['RELEASE', 'CREATED', 'SERVICES', 'POSTDEPLOY', 'DEPLOYMENT'], rows));
      }),
    );

  const deployments = clientOptions(program.command('deployments'))
    .description("list an app's deployments (show ID, cancel ID)")
    .argument('[app]')
    .option('--json', 'print JSON')
    .action((app: string | undefined, flags: ClientOptions & { json?: boolean }) =>
      run(async () => {
        if (!app) throw new BerthError('INVALID_ARGUMENT', 'name an app: berth deployments APP (or berth deployments show ID)', { usage: true });
        const res = await callAdmin(flags, (c) => c.ListDeployments, { app });
        if (flags.json) return printJson(res.deployments.map(deploymentJson));
        if (res.deployments.length === 0) return out(`${app} has no deployments yet: berth deploy ${app}`);
        const rows = res.deployments.map((d) => [
          d.id,
          d.kind,
          d.release || '-',
          d.state + (d.failure ? ` (${d.failure.phase})` : ''),
          `${d.healthy}/${d.wanted}`,
          formatAge(Number(d.createdAtMs)),
          d.failure?.reason.slice(0, 80) ?? '',
        ]);
        out(renderTable(['ID', 'KIND', 'RELEASE', 'STATE', 'HEALTHY', 'CREATED', 'REASON'], rows));
      }),
    );

  clientOptions(deployments.command('show'))
    .description('show a deployment: state, history, failure, output')
    .argument('<id>')
    .option('--json', 'print JSON')
    .option('--wait', 'follow it until it ends')
    .action((id: string, flags: ClientOptions & { json?: boolean; wait?: boolean }) =>
      run(async () => {
        await withClient(flags, async (client) => {
          // --wait shows what deploy --wait shows; with --json it waits quietly and prints the end.
          if (flags.json) return printDeployment(client, id, flags.wait);
          if (flags.wait) return followDeployment(client, id);
          out(describe(await getDeployment(client, id)));
        });
      }),
    );

  clientOptions(deployments.command('cancel'))
    .description('cancel a deployment that has not started routing')
    .argument('<id>')
    .option('--json', 'print the deployment as JSON')
    .action((id: string, flags: ClientOptions & { json?: boolean }) =>
      run(async () => {
        const d = required((await callAdmin(flags, (c) => c.CancelDeployment, { id })).deployment, 'deployment');
        if (flags.json) return printJson(deploymentJson(d));
        out(`deployment ${d.id} ${d.state}${d.failure ? ` in ${d.failure.phase}` : ''}`);
      }),
    );
}
