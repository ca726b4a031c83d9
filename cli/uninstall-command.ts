/**
 * `berth agent uninstall` and `berth controller uninstall`: the reverse of install. The unit is
 * stopped and disabled, the unit and env files removed. For an agent, its credentials are revoked
 * at the controller (admin API: its token, as for any berth command) and removed here; the app
 * containers it ran stay unless --purge, which first drains the agent (its instances move to other
 * agents) and then removes what it leaves. A controller keeps its data dir unless --purge.
 * With --root the files are looked for under that directory and nothing is stopped.
 */
import { execFile } from 'node:child_process';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { credentialsPath } from '../agent/adapters/credentials.js';
import { DockerAdapter } from '../agent/adapters/docker.js';
import { AGENT_DEFAULTS } from '../agent/config.js';
import { parseDockerHost } from '../agent/core/docker-host.js';
import { CONTROLLER_DEFAULTS } from '../controller/config.js';
import { BerthError, errorMessage, isBerthError } from '../shared/errors.js';
import { callAdmin, resolveClientOptions, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { ENV_FILES, parseEnvFile, UNIT_NAMES, type Daemon } from './systemd-unit.js';

type Run = (action: () => Promise<void>) => Promise<void>;
type UninstallFlags = ClientOptions & { root: string; purge?: boolean; timeout: string };

const say = (line: string) => process.stdout.write(`${line}\n`);

async function readInstalledEnv(daemon: Daemon, root: string): Promise<Record<string, string>> {
  const path = join(root, ENV_FILES[daemon]);
  try {
    return parseEnvFile(await readFile(path, 'utf8'));
  } catch (err) {
    throw new BerthError('NOT_FOUND', `no ${daemon} is installed here: cannot read ${path} (${errorMessage(err)})`);
  }
}

/** systemctl disable --now, on the real root only (argv, no shell). */
async function stopUnit(daemon: Daemon, root: string): Promise<void> {
  if (resolve(root) !== '/') return;
  const run = promisify(execFile);
  try {
    await run('systemctl', ['disable', '--now', UNIT_NAMES[daemon]]);
  } catch (err) {
    say(`berth: systemctl disable --now ${UNIT_NAMES[daemon]} failed (${errorMessage(err).split('\n')[0]}); stop it by hand`);
  }
}

async function removeUnitFiles(daemon: Daemon, root: string): Promise<void> {
  const unit = join(root, '/etc/systemd/system', UNIT_NAMES[daemon]);
  await rm(unit, { force: true });
  await rm(join(root, ENV_FILES[daemon]), { force: true });
  if (resolve(root) === '/') await promisify(execFile)('systemctl', ['daemon-reload']).catch(() => undefined);
  say(`removed ${unit} and ${join(root, ENV_FILES[daemon])}`);
}

function uninstallOptions(command: Command): Command {
  return clientOptions(command)
    .option('--root <dir>', 'the files are under this directory instead of / (nothing is stopped)', '/')
    .option('--timeout <seconds>', 'how long to wait for a drain and for the controller to see the agent down', '300');
}

export function registerUninstallCommands(agent: Command, controller: Command, run: Run): void {
  uninstallOptions(agent.command('uninstall'))
    .description("stop and remove this host's agent: its unit, its settings and its credentials (revoked at the controller)")
    .option('--purge', 'drain it first (its instances move to other agents), then remove the containers it leaves and its data dir')
    .action((flags: UninstallFlags) =>
      run(async () => {
        const env = await readInstalledEnv('agent', flags.root);
        const id = env.BERTH_AGENT_ID;
        if (!id) throw new BerthError('NOT_FOUND', `${join(flags.root, ENV_FILES.agent)} names no BERTH_AGENT_ID`);
        const dataDir = join(flags.root, env.BERTH_AGENT_DATA_DIR ?? AGENT_DEFAULTS.dataDir);
        const deadline = Date.now() + Number(flags.timeout) * 1000;
        const admin = resolveClientOptions(flags);
        if (flags.purge) await drain(admin, id, deadline);
        await stopUnit('agent', flags.root);
        await revoke(admin, id, deadline);
        if (flags.purge) await removeContainers(id, env.BERTH_DOCKER_HOST ?? AGENT_DEFAULTS.dockerHost);
        await removeUnitFiles('agent', flags.root);
        if (flags.purge) {
          await rm(dataDir, { recursive: true, force: true });
          say(`removed ${dataDir}`);
        } else {
          await rm(credentialsPath(dataDir), { force: true });
          say(`removed ${credentialsPath(dataDir)}; its app containers, if any, still run (--purge removes them)`);
        }
      }),
    );

  uninstallOptions(controller.command('uninstall'))
    .description("stop and remove this host's controller: its unit and settings (its data dir stays unless --purge)")
    .option('--purge', 'also remove its data dir: the state, the admin token, the NATS keys')
    .action((flags: UninstallFlags) =>
      run(async () => {
        const env = await readInstalledEnv('controller', flags.root);
        await stopUnit('controller', flags.root);
        await removeUnitFiles('controller', flags.root);
        const dataDir = join(flags.root, env.BERTH_DATA_DIR ?? CONTROLLER_DEFAULTS.dataDir);
        if (flags.purge) {
          await rm(dataDir, { recursive: true, force: true });
          say(`removed ${dataDir}`);
        } else say(`kept ${dataDir} (the state; --purge removes it)`);
      }),
    );
}

/** Drains the agent and waits until it runs no instance the controller knows. */
async function drain(admin: ClientOptions, id: string, deadline: number): Promise<void> {
  await callAdmin(admin, (c) => c.DrainAgent, { id });
  say(`draining ${id}: its instances move to other agents`);
  for (;;) {
    const agent = (await callAdmin(admin, (c) => c.ListAgents, {})).agents.find((a) => a.id === id);
    if (!agent || agent.instances.length === 0) return;
    if (Date.now() > deadline)
      throw new BerthError('TIMEOUT', `${id} still runs ${agent.instances.length} instance(s); see berth deployments of its apps, or raise --timeout`);
    await sleep(1000);
  }
}

/** Revokes the agent's credentials (the controller removes only a down agent: it waits for that). */
async function revoke(admin: ClientOptions & { token: string }, id: string, deadline: number): Promise<void> {
  if (!admin.token) {
    say(`no admin token given (--token, BERTH_TOKEN or berth login): revoke its credentials with: berth agents remove ${id}`);
    return;
  }
  for (;;) {
    try {
      await callAdmin(admin, (c) => c.RemoveAgent, { id });
      say(`revoked ${id}'s credentials at the controller`);
      return;
    } catch (err) {
      if (isBerthError(err, 'NOT_FOUND')) {
        say(`the controller does not know ${id} (already removed)`);
        return;
      }
      if (!isBerthError(err, 'FAILED_PRECONDITION') || Date.now() > deadline) throw err;
      // Still up in the controller's eyes until its heartbeats have stopped for a TTL.
      await sleep(1000);
    }
  }
}

async function removeContainers(id: string, dockerHost: string): Promise<void> {
  const docker = new DockerAdapter(parseDockerHost(dockerHost));
  const containers = await docker.listAgentContainers(id);
  for (const c of containers) await docker.removeContainer(c.Id);
  say(`removed ${containers.length} container(s) of ${id}`);
}
