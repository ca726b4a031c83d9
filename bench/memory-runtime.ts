/**
 * An in-memory container runtime for the simulated fleet (bench/fleet.ts): the agent's
 * ContainerRuntime with no engine behind it. Containers are records that "run" as soon as they
 * start, each with a real TCP listener on 127.0.0.1 for its published port (accepting and holding
 * connections, so the agent's TCP health check passes as against a real app), images exist when
 * named, events are delivered to the agent's subscription as Docker would send them (start, die,
 * destroy), and one-offs exit 0 at once.
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { BerthError } from '../shared/errors.js';
import { LABELS } from '../shared/instance.js';
import type { BuildOptions, ContainerRuntime, DockerInfo, ImageInfo } from '../agent/adapters/docker.js';
import type { ContainerCreateSpec } from '../agent/core/container-spec.js';
import type { DockerEvent } from '../agent/core/docker-event.js';
import type { ContainerInspect } from '../agent/core/instance-from-container.js';

const NEVER = '0001-01-01T00:00:00Z';
let nextId = 0;

export class MemoryRuntime implements ContainerRuntime {
  readonly endpointText = 'memory://';
  private readonly containers = new Map<string, ContainerInspect>();
  private readonly byName = new Map<string, string>();
  private readonly listeners = new Set<(event: DockerEvent) => void>();
  private readonly servers = new Map<string, Server>();
  private nextPort: number;

  /**
   * `ports`: the range this runtime publishes on. Each listener binds a port of its own choosing
   * from it: asking the kernel for any free port (listen(0)) searches the ephemeral range, which
   * grows slow with thousands of sockets open (12 s of a fleet process's wave went to it, and
   * its agents' heartbeats queued behind).
   */
  constructor(private readonly ports: { first: number; last: number }) {
    this.nextPort = ports.first;
  }

  async info(): Promise<DockerInfo> {
    return { cpus: 4, memoryBytes: 8 * 1024 ** 3, serverVersion: 'memory', name: 'memory' };
  }

  unavailable(err: unknown): BerthError {
    return new BerthError('DOCKER_UNAVAILABLE', `memory runtime: ${String(err)}`);
  }

  async listInstanceContainers(agentId: string): Promise<ContainerInspect[]> {
    return [...this.containers.values()]
      .filter((c) => c.Config.Labels?.[LABELS.agent] === agentId && c.Config.Labels?.[LABELS.instance])
      .map((c) => structuredClone(c));
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

  async waitContainer(): Promise<number> {
    return 0;
  }

  async followLogs(): Promise<() => void> {
    return () => undefined;
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
    return { id: `sha256:${Buffer.from(ref).toString('hex').padEnd(64, '0').slice(0, 64)}`, labels: {} };
  }

  async buildImage(_contextDir: string, _options: BuildOptions, onLine: (line: string) => void): Promise<void> {
    onLine('memory runtime: nothing to build');
  }

  async pullImage(): Promise<void> {}

  async imageHasHealthcheck(): Promise<boolean> {
    return false;
  }

  async createContainer(spec: ContainerCreateSpec): Promise<string> {
    if (this.byName.has(spec.name)) throw new BerthError('ALREADY_EXISTS', `a container named ${spec.name} already exists`, { name: spec.name });
    const id = `mem${(nextId++).toString(16).padStart(12, '0')}`;
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
    c.State = { ...c.State, Status: oneOff ? 'exited' : 'running', Running: !oneOff, StartedAt: new Date().toISOString() };
    const ports = c.NetworkSettings.Ports ?? {};
    for (const key of Object.keys(ports)) {
      const sockets = new Set<Socket>();
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on('error', () => undefined);
        socket.on('close', () => sockets.delete(socket));
      });
      server.on('close', () => undefined);
      await this.listen(server);
      (server as Server & { sockets?: Set<Socket> }).sockets = sockets;
      this.servers.set(containerId, server);
      ports[key] = [{ HostIp: '127.0.0.1', HostPort: String((server.address() as AddressInfo).port) }];
    }
    this.emit(c, 'start');
    if (oneOff) this.emit(c, 'die');
  }

  /** Listens on the next free port of the range, wrapping round. */
  private async listen(server: Server): Promise<void> {
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
      if (bound) return;
    }
    throw new BerthError('DOCKER_ERROR', `memory runtime: no free port from ${this.ports.first} to ${this.ports.last}`);
  }

  async stopContainer(containerId: string): Promise<void> {
    const c = this.containers.get(containerId);
    if (!c?.State.Running) return;
    c.State = { ...c.State, Status: 'exited', Running: false, ExitCode: 0, FinishedAt: new Date().toISOString() };
    this.closeServer(containerId);
    this.emit(c, 'die');
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
