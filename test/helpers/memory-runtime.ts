/**
 * An in-memory container runtime: the agent's ContainerRuntime with no engine behind it, for the
 * simulated fleet (bench/fleet.ts) and the pipeline tests (test/pipeline). Containers are records
 * that "run" as soon as they start, each with a real TCP listener on 127.0.0.1 for its published
 * port (accepting and holding connections, so the agent's TCP health check passes as against a
 * real app), images exist when named, and events reach the agent's subscription as Docker sends
 * them (start, die, destroy). One-offs exit at once with `oneOffExitCode` (0).
 *
 * Tests hold a step with `hold(gate)` and let it go with the function it returns: `prepare` (an
 * image is inspected), `start` (an instance container starts), `health` (started instances do not
 * listen on their port yet, so health checks fail), `oneoff` (one-offs keep running). `exit` ends a
 * running instance's container with an exit code, as a crash would.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { BerthError } from '../../shared/errors.js';
import { LABELS } from '../../shared/instance.js';
import type { BuildOptions, ContainerRuntime, DockerInfo, ImageInfo, TtyAttachment } from '../../agent/adapters/docker.js';
import type { ContainerCreateSpec } from '../../agent/core/container-spec.js';
import type { DockerEvent } from '../../agent/core/docker-event.js';
import type { ContainerInspect } from '../../agent/core/instance-from-container.js';

const NEVER = '0001-01-01T00:00:00Z';

export type RuntimeGate = 'prepare' | 'start' | 'health' | 'oneoff';

export class MemoryRuntime implements ContainerRuntime {
  readonly endpointText = 'memory://';
  private readonly containers = new Map<string, ContainerInspect>();
  private readonly byName = new Map<string, string>();
  private readonly listeners = new Set<(event: DockerEvent) => void>();
  private readonly servers = new Map<string, Server>();
  private nextPort: number;
  private nextId = 0;
  private readonly gates = new Map<RuntimeGate, { passed: Promise<void>; open: () => void }>();
  private readonly exits = new Map<string, Array<(code: number) => void>>();
  /** Every container created, in order (one-offs included). */
  readonly created: Array<{ name: string; labels: Record<string, string> }> = [];
  oneOffExitCode = 0;

  /**
   * `ports`: the range this runtime publishes on. Each listener binds a port of its own choosing
   * from it: asking the kernel for any free port (listen(0)) searches the ephemeral range, which
   * grows slow with thousands of sockets open (12 s of a fleet process's wave went to it, and
   * its agents' heartbeats queued behind).
   */
  constructor(private readonly ports: { first: number; last: number }) {
    this.nextPort = ports.first;
  }

  /** Holds every step of this kind until the returned function is called. */
  hold(gate: RuntimeGate): () => void {
    let open = () => undefined as void;
    const passed = new Promise<void>((resolve) => {
      open = resolve;
    });
    const entry = { passed, open };
    this.gates.set(gate, entry);
    return () => {
      if (this.gates.get(gate) === entry) this.gates.delete(gate);
      entry.open();
    };
  }

  private async pass(gate: RuntimeGate): Promise<void> {
    await this.gates.get(gate)?.passed;
  }

  /** The instances whose containers run now. */
  runningInstances(): Array<{ app: string; instanceId: string }> {
    return [...this.containers.values()]
      .filter((c) => c.State.Running && c.Config.Labels?.[LABELS.instance])
      .map((c) => ({ app: c.Config.Labels?.[LABELS.app] ?? '', instanceId: c.Config.Labels?.[LABELS.instance] ?? '' }));
  }

  /** The container of a running instance ends with this exit code, as a crash would end it. */
  exit(instanceId: string, exitCode: number): void {
    for (const c of this.containers.values()) {
      if (c.Config.Labels?.[LABELS.instance] !== instanceId || !c.State.Running) continue;
      this.ended(c, exitCode);
    }
  }

  private ended(c: ContainerInspect, exitCode: number): void {
    c.State = { ...c.State, Status: 'exited', Running: false, ExitCode: exitCode, FinishedAt: new Date().toISOString() };
    this.closeServer(c.Id);
    this.emit(c, 'die');
    for (const resolve of this.exits.get(c.Id) ?? []) resolve(exitCode);
    this.exits.delete(c.Id);
  }

  async info(): Promise<DockerInfo> {
    return { cpus: 4, memoryBytes: 8 * 1024 ** 3, serverVersion: 'memory', name: 'memory', rootDir: '/' };
  }

  unavailable(err: unknown): BerthError {
    return new BerthError('DOCKER_UNAVAILABLE', `memory runtime: ${String(err)}`);
  }

  async listInstanceContainers(agentId: string): Promise<ContainerInspect[]> {
    return [...this.containers.values()]
      .filter((c) => c.Config.Labels?.[LABELS.agent] === agentId && c.Config.Labels?.[LABELS.instance])
      .map((c) => structuredClone(c));
  }

  async listAgentContainers(agentId: string): Promise<Array<{ Id: string }>> {
    return [...this.containers.values()].filter((c) => c.Config.Labels?.[LABELS.agent] === agentId).map((c) => ({ Id: c.Id }));
  }

  async findInstanceContainer(agentId: string, instanceId: string): Promise<ContainerInspect | null> {
    for (const c of this.containers.values())
      if (c.Config.Labels?.[LABELS.agent] === agentId && c.Config.Labels?.[LABELS.instance] === instanceId) return structuredClone(c);
    return null;
  }

  async findOneOffContainer(agentId: string, oneOffId: string): Promise<ContainerInspect | null> {
    for (const c of this.containers.values())
      if (c.Config.Labels?.[LABELS.agent] === agentId && c.Config.Labels?.[LABELS.oneOff] === oneOffId) return structuredClone(c);
    return null;
  }

  async waitContainer(containerId: string): Promise<number> {
    const c = this.containers.get(containerId);
    if (!c?.State.Running) return c?.State.ExitCode ?? 0;
    return new Promise((resolve) => this.exits.set(containerId, [...(this.exits.get(containerId) ?? []), resolve]));
  }

  async followLogs(): Promise<() => void> {
    return () => undefined;
  }

  async attachTty(): Promise<TtyAttachment> {
    return { write: () => undefined, resize: async () => undefined, close: () => undefined };
  }

  async tailLogs(): Promise<string[]> {
    return [];
  }

  async readLogs(): Promise<{ stop: () => void; done: Promise<void> }> {
    return { stop: () => undefined, done: Promise.resolve() };
  }

  async inspect(containerId: string): Promise<ContainerInspect | null> {
    const c = this.containers.get(containerId);
    return c ? structuredClone(c) : null;
  }

  async imageExists(): Promise<boolean> {
    return true;
  }

  async inspectImage(ref: string): Promise<ImageInfo | null> {
    await this.pass('prepare');
    return { id: `sha256:${Buffer.from(ref).toString('hex').padEnd(64, '0').slice(0, 64)}`, labels: {} };
  }

  async buildImage(_contextDir: string, _options: BuildOptions, onLine: (line: string) => void): Promise<void> {
    onLine('memory runtime: nothing to build');
  }

  async pullImage(): Promise<void> {}

  async createContainer(spec: ContainerCreateSpec): Promise<string> {
    if (this.byName.has(spec.name)) throw new BerthError('ALREADY_EXISTS', `a container named ${spec.name} already exists`, { name: spec.name });
    const id = `mem${(this.nextId++).toString(16).padStart(12, '0')}`;
    this.created.push({ name: spec.name, labels: { ...spec.Labels } });
    const ports = Object.fromEntries(Object.keys(spec.ExposedPorts ?? {}).map((p) => [p, null]));
    this.containers.set(id, {
      Id: id,
      Name: `/${spec.name}`,
      Config: { Image: spec.Image, Labels: { ...spec.Labels }, Healthcheck: null },
      State: { Status: 'created', Running: false, ExitCode: 0, OOMKilled: false, StartedAt: NEVER, FinishedAt: NEVER, Health: null },
      NetworkSettings: { Ports: ports },
    });
    this.byName.set(spec.name, id);
    return id;
  }

  async startContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (!c) throw new BerthError('INSTANCE_NOT_FOUND', `container ${containerId} is gone`);
    if (c.State.Running) return;
    const oneOff = Boolean(c.Config.Labels?.[LABELS.oneOff]);
    if (!oneOff) await this.pass('start');
    c.State = { ...c.State, Status: 'running', Running: true, StartedAt: new Date().toISOString() };
    const ports = c.NetworkSettings.Ports ?? {};
    const held = this.gates.get('health')?.passed;
    for (const key of Object.keys(ports)) {
      const sockets = new Set<Socket>();
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      });
      server.on('close', () => undefined);
      (server as Server & { sockets?: Set<Socket> }).sockets = sockets;
      this.servers.set(containerId, server);
      const port = await this.listen(server);
      ports[key] = [{ HostIp: '127.0.0.1', HostPort: String(port) }];
      // Health held: the port is known (and published) but nothing answers on it until released.
      if (held) {
        server.close();
        void held.then(() => {
          if (this.servers.get(containerId) === server && c.State.Running) server.listen(port, '127.0.0.1');
        });
      }
    }
    this.emit(c, 'start');
    if (!oneOff) return;
    const exitCode = this.oneOffExitCode;
    void this.pass('oneoff').then(() => {
      if (c.State.Running) this.ended(c, exitCode);
    });
  }

  /** Listens on the next free port of the range, wrapping round; returns the port. */
  private async listen(server: Server): Promise<number> {
    const size = this.ports.last - this.ports.first + 1;
    for (let tried = 0; tried < size; tried++) {
      const port = this.nextPort;
      this.nextPort = port === this.ports.last ? this.ports.first : port + 1;
      const bound = await new Promise<boolean>((resolve, reject) => {
        const onError = (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(false) : reject(err));
        server.once('error', onError);
        server.listen(port, '127.0.0.1', () => {
          server.off('error', onError);
          resolve(true);
        });
      });
      if (bound) return port;
    }
    throw new BerthError('DOCKER_ERROR', `memory runtime: no free port from ${this.ports.first} to ${this.ports.last}`);
  }

  async stopContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (!c?.State.Running) return;
    // SIGTERM obeyed: 143 for a one-off stopped midway, 0 for an instance that shuts down cleanly.
    this.ended(c, c.Config.Labels?.[LABELS.oneOff] ? 143 : 0);
  }

  private closeServer(containerId: string): void {
    const server = this.servers.get(containerId) as (Server & { sockets?: Set<Socket> }) | undefined;
    if (!server) return;
    this.servers.delete(containerId);
    for (const socket of server.sockets ?? []) socket.destroy();
    server.close();
  }

  async removeContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (!c) return;
    this.containers.delete(containerId);
    this.byName.delete((c.Name ?? '').slice(1));
    this.closeServer(containerId);
    this.emit(c, 'destroy');
    for (const resolve of this.exits.get(containerId) ?? []) resolve(137);
    this.exits.delete(containerId);
  }

  async streamEvents(agentId: string, onEvent: (event: DockerEvent) => void): Promise<() => void> {
    const listener = (event: DockerEvent) => {
      if (event.Actor?.Attributes?.[LABELS.agent] === agentId) onEvent(event);
    };
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(c: ContainerInspect, action: string): void {
    const event: DockerEvent = {
      Type: 'container',
      Action: action,
      id: c.Id,
      Actor: { ID: c.Id, Attributes: { ...(c.Config.Labels ?? {}), ...(action === 'die' ? { exitCode: String(c.State.ExitCode) } : {}) } },
    };
    // Docker sends events after the call returns.
    setImmediate(() => {
      for (const listener of this.listeners) listener(event);
    });
  }
}
