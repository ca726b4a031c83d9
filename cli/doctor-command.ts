/**
 * `berth doctor`: checks this host for Berth, one line per check with what to do when it fails:
 * Node.js, the Docker Engine (and why it cannot be used), its disk, NATS (with this agent's NATS
 * user when it has one), the controller (reachable, TLS trusted, the token accepted), the clock
 * against the controller's, and ports that must be free. Exit status 0 only when every check that
 * ran passed; --json for scripts. The verdicts are cli/doctor-report.ts.
 */
import { readFile, statfs } from 'node:fs/promises';
import { createServer } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { Option, type Command } from 'commander';
import { readCredentials } from '../agent/adapters/credentials.js';
import { probeNats } from '../agent/adapters/nats.js';
import { DockerAdapter } from '../agent/adapters/docker.js';
import { AGENT_DEFAULTS } from '../agent/config.js';
import { parseDockerHost } from '../agent/core/docker-host.js';
import { dockerProblemParts, type DockerProblem } from '../agent/core/docker-problem.js';
import { loadBerthProto } from '../proto/load.js';
import { BerthError, errorMessage, isBerthError } from '../shared/errors.js';
import { callUnary, connectionProblem, createAdminClient, resolveClientOptions, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { judgeClockSkew, judgeDisk, judgeNode, renderReport, reportExitCode, type CheckResult } from './doctor-report.js';
import { printLine } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;

interface DoctorFlags extends ClientOptions {
  dockerHost: string;
  nats: string;
  dataDir: string;
  http?: string;
  ports?: string;
  minFreeDisk: string;
  json?: boolean;
}

const GIB = 1024 ** 3;

export function registerDoctorCommand(program: Command, run: Run): void {
  clientOptions(program.command('doctor'))
    .description('check this host for Berth: Node.js, Docker, its disk, NATS, the controller, the clock, free ports')
    .addOption(new Option('--docker-host <url>', 'the Docker Engine to check').env('BERTH_DOCKER_HOST').default(AGENT_DEFAULTS.dockerHost))
    .addOption(new Option('--nats <url>', 'the NATS server to check').env('BERTH_NATS').default(AGENT_DEFAULTS.nats))
    .addOption(
      new Option('--data-dir <dir>', "an agent's data dir: its NATS user is used for the NATS check").env('BERTH_DATA_DIR').default(AGENT_DEFAULTS.dataDir),
    )
    .option('--http <url>', "the controller's HTTP address, for the clock check (default: the --addr host, port 8080)")
    .option('--ports <list>', 'ports that must be free here, e.g. 7443,8080 before installing a controller')
    .option('--min-free-disk <GiB>', 'free space the Docker Engine needs for images', '5')
    .option('--json', 'print the checks as JSON')
    .action((flags: DoctorFlags) =>
      run(async () => {
        const results = await runChecks(flags);
        if (flags.json) printLine(JSON.stringify({ ok: reportExitCode(results) === 0, checks: results }, null, 2));
        else printLine(renderReport(results));
        process.exitCode = reportExitCode(results);
      }),
    );
}

async function runChecks(flags: DoctorFlags): Promise<CheckResult[]> {
  const results: CheckResult[] = [judgeNode(process.version)];
  results.push(...(await checkDocker(flags)));
  results.push(await checkNats(flags));
  results.push(...(await checkController(flags)));
  for (const port of parsePorts(flags.ports)) results.push(await checkPort(port));
  return results;
}

async function checkDocker(flags: DoctorFlags): Promise<CheckResult[]> {
  const endpoint = parseDockerHost(flags.dockerHost);
  const docker = new DockerAdapter(endpoint);
  try {
    const info = await docker.info();
    const min = Number(flags.minFreeDisk) * GIB;
    const disk = await statfs(info.rootDir).then(
      (s) => judgeDisk(s.bavail * s.bsize, info.rootDir, min),
      (err: unknown) => ({ check: 'disk', status: 'skip' as const, detail: `cannot read ${info.rootDir}: ${errorMessage(err)}` }),
    );
    return [{ check: 'docker', status: 'pass', detail: `Docker Engine ${info.serverVersion} at ${docker.endpointText}` }, disk];
  } catch (err) {
    // Which problem it is comes with the error (agent/core/docker-problem.ts), not from its wording.
    const problem = isBerthError(err, 'DOCKER_UNAVAILABLE') ? (err.details.problem as DockerProblem) : 'other';
    const detail = isBerthError(err) && typeof err.details.detail === 'string' ? err.details.detail : errorMessage(err);
    const { what, fix } = dockerProblemParts(endpoint, problem, detail);
    return [
      { check: 'docker', status: 'fail', detail: what, fix },
      { check: 'disk', status: 'skip', detail: 'needs the Docker Engine' },
    ];
  }
}

async function checkNats(flags: DoctorFlags): Promise<CheckResult> {
  // An unreadable credentials file is the agent's own problem (it says so at start): checked without a user.
  const creds = (await readCredentials(flags.dataDir).catch(() => null))?.nats ?? null;
  const as = creds ? "with this agent's NATS user" : 'without a user';
  try {
    const { serverVersion } = await probeNats(flags.nats, creds);
    return { check: 'nats', status: 'pass', detail: `nats-server ${serverVersion} at ${flags.nats}, connected ${as}` };
  } catch (err) {
    const message = errorMessage(err);
    if (/authorization|authentication/i.test(message))
      return {
        check: 'nats',
        status: 'fail',
        detail: `NATS at ${flags.nats} refused the connection ${as} (${message})`,
        fix: creds
          ? "this agent's NATS user is not trusted there: delete credentials.json in its --data-dir and join again with a new join token"
          : 'NATS has authorization (berth controller nats-config): pass --data-dir of an agent that joined, or check from a host with one',
      };
    return {
      check: 'nats',
      status: 'fail',
      detail: `cannot reach NATS at ${flags.nats} (${message})`,
      fix: 'start it (nats-server -js, or the unit berth controller nats-config writes for), or pass --nats',
    };
  }
}

async function checkController(flags: DoctorFlags): Promise<CheckResult[]> {
  const options = resolveClientOptions(flags);
  const secure = Boolean(options.ca || options.tls);
  const results: CheckResult[] = [];
  const health = new (loadBerthProto().grpc.health.v1.Health)(
    options.addr,
    secure ? grpc.credentials.createSsl(options.ca ? await readFile(options.ca) : null) : grpc.credentials.createInsecure(),
  );
  try {
    const answer = await new Promise<{ status: string }>((resolve, reject) =>
      health.Check({ service: '' }, { deadline: Date.now() + 5000 }, (err, res) => (err || !res ? reject(err ?? new Error('no answer')) : resolve(res))),
    );
    results.push({
      check: 'controller',
      status: answer.status === 'SERVING' ? 'pass' : 'fail',
      detail: `${options.addr} answers: ${answer.status}${secure ? ' (TLS trusted)' : ''}`,
    });
  } catch (err) {
    const message = (err as grpc.ServiceError).details ?? errorMessage(err);
    const tls = /certificate|SSL|TLS|handshake|self.signed/i.test(message);
    results.push({
      check: tls ? 'tls' : 'controller',
      status: 'fail',
      detail: `${options.addr}: ${connectionProblem(message)}`,
      fix: tls
        ? "this host does not trust the controller's certificate: pass --ca with the CA that signed it (berth login --ca)"
        : 'is berth controller running there? set --addr (or BERTH_ADDR, berth login); a controller with TLS needs --tls or --ca',
    });
    results.push({ check: 'token', status: 'skip', detail: 'needs the controller' }, { check: 'clock', status: 'skip', detail: 'needs the controller' });
    return results;
  } finally {
    health.close();
  }
  results.push(await checkToken(options));
  results.push(await checkClock(flags.http ?? `http://${hostOf(options.addr)}:8080`));
  return results;
}

async function checkToken(options: ClientOptions & { addr: string; token: string }): Promise<CheckResult> {
  if (!options.token) return { check: 'token', status: 'skip', detail: 'no token given (--token, BERTH_TOKEN or berth login)' };
  const client = createAdminClient(options);
  try {
    await callUnary(client.ListApps.bind(client), {});
    return { check: 'token', status: 'pass', detail: 'the controller accepts the token' };
  } catch (err) {
    const refused = err instanceof BerthError && (err.code === 'UNAUTHENTICATED' || err.code === 'PERMISSION_DENIED');
    return {
      check: 'token',
      status: 'fail',
      detail: errorMessage(err),
      fix: refused
        ? 'use a token the controller knows: berth controller token on its host prints the admin token; berth tokens create makes others'
        : 'see the controller check',
    };
  } finally {
    client.close();
  }
}

async function checkClock(httpUrl: string): Promise<CheckResult> {
  try {
    const sent = Date.now();
    const res = await fetch(new URL('/healthz', httpUrl), { signal: AbortSignal.timeout(5000) });
    const received = Date.now();
    const date = Date.parse(res.headers.get('date') ?? '');
    if (Number.isNaN(date)) return { check: 'clock', status: 'skip', detail: `${httpUrl} sent no Date header` };
    return judgeClockSkew(date, sent, received);
  } catch (err) {
    return {
      check: 'clock',
      status: 'skip',
      detail: `cannot ask ${httpUrl} for its time (${errorMessage(err)}); pass --http with the controller's HTTP address`,
    };
  }
}

async function checkPort(port: number): Promise<CheckResult> {
  const free = await new Promise<string | null>((resolve) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? errorMessage(err)));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(null)));
  });
  if (free === null) return { check: `port ${port}`, status: 'pass', detail: 'free' };
  return {
    check: `port ${port}`,
    status: 'fail',
    detail: free === 'EADDRINUSE' ? 'in use' : free,
    fix: free === 'EADDRINUSE' ? `see what holds it: ss -ltnp 'sport = :${port}'; stop it or choose another port` : 'run as a user that may listen there',
  };
}

export function parsePorts(text: string | undefined): number[] {
  if (!text) return [];
  return text.split(',').map((p) => {
    const port = Number(p.trim());
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new BerthError('INVALID_ARGUMENT', `--ports: "${p}" is not a port (1-65535)`, { usage: true });
    return port;
  });
}

function hostOf(addr: string): string {
  const at = addr.lastIndexOf(':');
  return at < 0 ? addr : addr.slice(0, at);
}
