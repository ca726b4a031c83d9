/** `berth agents [drain|undrain|remove ID]`: the fleet through the admin API. */
import type { Command } from 'commander';
import type { AgentSummary__Output } from '../proto/gen/berth/v1/AgentSummary.js';
import { parseDuration } from '../shared/duration.js';
import { callAdmin, required, resolveClientOptions, type ClientOptions } from './admin-client.js';
import { clientOptions } from './apps-command.js';
import { versionSkew } from '../shared/version-skew.js';
import { formatAge, formatBytes, renderTable } from './format.js';
import { paint, printJson, printLine, statusColour } from './output.js';

type Run = (action: () => Promise<void>) => Promise<void>;
type Flags = ClientOptions & { json?: boolean };

export function agentJson(a: AgentSummary__Output) {
  return {
    ...a,
    memoryBytes: Number(a.memoryBytes),
    lastHeartbeatMs: Number(a.lastHeartbeatMs),
    connectedAtMs: Number(a.connectedAtMs),
    instances: a.instances.map((i) => ({ ...i, startedAtMs: Number(i.startedAtMs), finishedAtMs: Number(i.finishedAtMs) })),
  };
}

/** An agent's version, marked when it is not the controller's (a fleet being upgraded). Pure. */
export function versionLabel(agent: string, controller: string): string {
  const skew = versionSkew(agent, controller);
  return skew === 'same' || !controller ? agent : `${agent} (${skew === 'incompatible' ? 'incompatible' : skew})`;
}

function printAgents(agents: AgentSummary__Output[], controllerVersion: string): void {
  if (agents.length === 0)
    return printLine(
      'no agents have connected yet: make a join token with berth agents join-token, then start one with berth agent --controller ADDR --nats URL --join-token TOKEN',
    );
  const rows = agents.map((a) => [
    a.id,
    paint(a.status, statusColour(a.status) ?? 'bold'),
    versionLabel(a.version, controllerVersion),
    a.hostname,
    a.advertiseAddr,
    String(a.instances.length) + (a.strayInstanceIds.length ? ` (${a.strayInstanceIds.length} stray)` : ''),
    `${a.cpus}/${formatBytes(Number(a.memoryBytes))}`,
    formatAge(Number(a.lastHeartbeatMs)),
    Object.entries(a.labels)
      .map(([k, v]) => `${k}=${v}`)
      .join(',') || '-',
  ]);
  printLine(renderTable(['ID', 'STATUS', 'VERSION', 'HOST', 'ADVERTISE', 'INSTANCES', 'CPU/MEM', 'HEARTBEAT', 'LABELS'], rows));
}

export function registerAgentsCommands(program: Command, run: Run): void {
  const agents = clientOptions(program.command('agents'))
    .description('list agents (status, host, instances); drain, undrain or remove one')
    .option('--json', 'print JSON')
    .action((flags: Flags) =>
      run(async () => {
        const { agents: list, controllerVersion } = await callAdmin(flags, (c) => c.ListAgents, {});
        if (flags.json) printJson(list.map((a) => ({ ...agentJson(a), versionSkew: versionSkew(a.version, controllerVersion) })));
        else printAgents(list, controllerVersion);
      }),
    );

  clientOptions(agents.command('drain'))
    .description('stop placing instances on an agent and move its instances to the others')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action((id: string, flags: Flags) =>
      run(async () => {
        const agent = required((await callAdmin(flags, (c) => c.DrainAgent, { id })).agent, 'agent');
        if (flags.json) return printJson(agentJson(agent));
        printLine(`agent ${id} draining: no new instances; ${agent.instances.length} instance(s) on it move elsewhere (berth deployments APP shows the moves)`);
      }),
    );

  clientOptions(agents.command('undrain'))
    .description('let an agent take new instances again')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action((id: string, flags: Flags) =>
      run(async () => {
        const agent = required((await callAdmin(flags, (c) => c.UndrainAgent, { id })).agent, 'agent');
        if (flags.json) return printJson(agentJson(agent));
        printLine(`agent ${id} ${agent.status}: it takes new instances again`);
      }),
    );

  clientOptions(agents.command('remove'))
    .description('forget an agent that is down (its host is gone)')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action((id: string, flags: Flags) =>
      run(async () => {
        await callAdmin(flags, (c) => c.RemoveAgent, { id });
        if (flags.json) return printJson({ id, removed: true });
        printLine(`agent ${id} removed; its controller credentials are revoked (to bring it back, join it again with a new join token)`);
      }),
    );

  clientOptions(agents.command('join-token'))
    .description('make a token new agents exchange once for their own credentials (any number of agents, until it expires)')
    .option('--ttl <duration>', 'how long it can be used (1m to 365d)', '24h')
    .option('--json', 'print JSON')
    .action((flags: Flags & { ttl: string }) =>
      run(async () => {
        const ttlMs = parseDuration(flags.ttl, '--ttl');
        const res = await callAdmin(flags, (c) => c.CreateJoinToken, { ttlMs });
        const expiresAtMs = Number(res.expiresAtMs);
        if (flags.json) return printJson({ token: res.token, expiresAtMs });
        // The token alone on stdout (for $(...)); how to use it on stderr.
        printLine(res.token);
        const addr = resolveClientOptions(flags).addr;
        process.stderr.write(
          `join token valid until ${new Date(expiresAtMs).toISOString()}; on each new host run:\n` +
            `  BERTH_JOIN_TOKEN=${res.token} berth agent --controller ${addr} --nats nats://NATS_HOST:4222 --advertise-addr HOST_ADDR\n` +
            `or set it up as a service: berth agent install --controller ${addr} --nats nats://NATS_HOST:4222 --advertise-addr HOST_ADDR --join-token TOKEN\n`,
        );
      }),
    );
}
