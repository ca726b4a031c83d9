/**
 * The Docker adapter: the only module in Berth that imports dockerode. Everything Berth asks of
 * the Docker Engine goes through these few functions, with structured options and no shell.
 */
import { readdir } from 'node:fs/promises';
import { Writable } from 'node:stream';
import Docker from 'dockerode';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { LABELS } from '../../shared/instance.js';
import type { ContainerCreateSpec } from '../core/container-spec.js';
import type { DockerEvent } from '../core/docker-event.js';
import { describeDockerEndpoint, type DockerEndpoint } from '../core/docker-host.js';
import { classifyDockerError, describeDockerProblem } from '../core/docker-problem.js';
import { dockerCallError, dockerStatusCode } from '../core/docker-call-error.js';
import { linesOfOutput, splitLines, type OutputStream } from '../core/docker-output.js';
import type { ContainerInspect } from '../core/instance-from-container.js';

export interface DockerInfo {
  cpus: number;
  memoryBytes: number;
  serverVersion: string;
  name: string;
  /** Where the engine keeps images and containers (its disk fills with them). */
  rootDir: string;
}

export interface ImageInfo {
  /** The engine's image id, sha256:... */
  id: string;
  labels: Record<string, string>;
}

export interface BuildOptions {
  /** Path of the Dockerfile inside the context directory. */
  dockerfile: string;
  tag: string;
  labels: Record<string, string>;
}

/**
 * What the agent asks of a container engine: the Docker adapter's public face. Production always
 * uses DockerAdapter; the simulated fleet of bench/fleet.ts puts an in-memory runtime here.
 */
/** A TTY container's terminal, attached: keystrokes in, window sizes, and closing it. */
export interface TtyAttachment {
  write(data: Buffer): void;
  resize(rows: number, cols: number): Promise<void>;
  close(): void;
}

export type ContainerRuntime = { [K in keyof DockerAdapter]: DockerAdapter[K] };

export class DockerAdapter {
  private readonly docker: Docker;
  readonly endpointText: string;

  constructor(private readonly endpoint: DockerEndpoint) {
    this.docker = new Docker(endpoint);
    this.endpointText = describeDockerEndpoint(endpoint);
  }

  /** Fails with DOCKER_UNAVAILABLE and a message naming the socket and how to start the engine. */
  async info(): Promise<DockerInfo> {
    try {
      const info = await this.docker.info();
      return { cpus: info.NCPU, memoryBytes: info.MemTotal, serverVersion: info.ServerVersion, name: info.Name, rootDir: info.DockerRootDir };
    } catch (err) {
      throw this.unavailable(err);
    }
  }

  /** DOCKER_UNAVAILABLE with what is wrong and what to do (core/docker-problem.ts). */
  unavailable(err: unknown): BerthError {
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    const problem = classifyDockerError(this.endpoint, code);
    const detail = errorMessage(err);
    return new BerthError('DOCKER_UNAVAILABLE', describeDockerProblem(this.endpoint, problem, detail), { endpoint: this.endpointText, problem, detail });
  }

  async listInstanceContainers(agentId: string): Promise<ContainerInspect[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.agent}=${agentId}`, LABELS.instance] } });
    const inspected = await Promise.all(list.map((c) => this.inspect(c.Id)));
    return inspected.filter((c): c is ContainerInspect => c !== null);
  }

  /** Every container this agent made: instances and one-offs (berth agent uninstall --purge). */
  async listAgentContainers(agentId: string): Promise<Array<{ Id: string }>> {
    try {
      return (await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.agent}=${agentId}`] } })).map((c) => ({ Id: c.Id }));
    } catch (err) {
      throw dockerCallError(`list the containers of ${agentId}`, err);
    }
  }

  async findInstanceContainer(agentId: string, instanceId: string): Promise<ContainerInspect | null> {
    const list = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.agent}=${agentId}`, `${LABELS.instance}=${instanceId}`] } });
    const first = list[0];
    return first ? this.inspect(first.Id) : null;
  }

  async findOneOffContainer(agentId: string, oneOffId: string): Promise<ContainerInspect | null> {
    const list = await this.docker.listContainers({ all: true, filters: { label: [`${LABELS.agent}=${agentId}`, `${LABELS.oneOff}=${oneOffId}`] } });
    const first = list[0];
    return first ? this.inspect(first.Id) : null;
  }

  /** Resolves with the exit status once the container stops. */
  async waitContainer(containerId: string): Promise<number> {
    try {
      const result = (await this.docker.getContainer(containerId).wait()) as { StatusCode: number };
      return result.StatusCode;
    } catch (err) {
      throw dockerCallError(`wait for container ${containerId}`, err);
    }
  }

  /**
   * Calls onLine for every line the container prints (stdout and stderr, from its start) until it
   * stops. Resolves once following has begun; the returned function stops following.
   */
  async followLogs(containerId: string, onLine: (line: string, stream: 'stdout' | 'stderr') => void): Promise<() => void> {
    const { stop } = await this.readLogs(containerId, { sinceMs: 0, tail: 0, follow: true, timestamps: false }, (stream, line) => onLine(line, stream));
    return stop;
  }

  /** The last lines a container printed (stdout and stderr); [] when it has none or is gone. */
  async tailLogs(containerId: string, lines: number): Promise<string[]> {
    const printed: string[] = [];
    try {
      await this.readLogs(containerId, { sinceMs: 0, tail: lines, follow: false, timestamps: false }, (_stream, line) => printed.push(line));
    } catch (err) {
      if (err instanceof BerthError && err.code === 'INSTANCE_NOT_FOUND') return [];
      throw err;
    }
    return printed.filter((l) => l.length > 0).slice(-lines);
  }

  /**
   * Reads a container's output, line by line with its stream; with `timestamps`, Docker's time
   * starts each line (shared/logs.ts parses it). `done` resolves when the output ends (at once
   * unless following; when the container stops if following) or `stop` is called.
   */
  async readLogs(
    containerId: string,
    options: { sinceMs: number; tail: number; follow: boolean; timestamps: boolean },
    onLine: (stream: OutputStream, raw: string) => void,
  ): Promise<{ stop: () => void; done: Promise<void> }> {
    let stream: NodeJS.ReadableStream & { destroy?: () => void };
    try {
      stream = (await this.docker.getContainer(containerId).logs({
        follow: options.follow as true,
        stdout: true,
        stderr: true,
        timestamps: options.timestamps,
        ...(options.sinceMs > 0 ? { since: Math.floor(options.sinceMs / 1000) } : {}),
        ...(options.tail > 0 ? { tail: options.tail } : {}),
      })) as unknown as typeof stream;
    } catch (err) {
      if (dockerStatusCode(err) === 404) throw new BerthError('INSTANCE_NOT_FOUND', `container ${containerId} is gone`);
      throw dockerCallError(`read the output of container ${containerId}`, err);
    }
    // Without follow, dockerode answers with the whole output as one Buffer.
    if (Buffer.isBuffer(stream)) {
      for (const [kind, line] of linesOfOutput(stream as unknown as Buffer)) onLine(kind, line);
      return { stop: () => undefined, done: Promise.resolve() };
    }
    const sinkFor = (kind: OutputStream) => {
      let pending = '';
      return new Writable({
        write(chunk: Buffer, _encoding, done) {
          const split = splitLines(pending, chunk.toString('utf8'));
          pending = split.pending;
          for (const line of split.lines) onLine(kind, line);
          done();
        },
        final(done) {
          if (pending) onLine(kind, pending);
          done();
        },
      });
    };
    const out = sinkFor('stdout');
    const err = sinkFor('stderr');
    // Without a TTY Docker multiplexes stdout and stderr into one framed stream.
    this.docker.modem.demuxStream(stream, out, err);
    const done = new Promise<void>((resolve) => {
      const finish = () => {
        out.end();
        err.end();
        resolve();
      };
      stream.on('end', finish);
      stream.on('close', finish);
      stream.on('error', finish);
    });
    return { stop: () => stream.destroy?.(), done };
  }

  /** Inspects a container; null when it no longer exists. */
  async inspect(containerId: string): Promise<ContainerInspect | null> {
    try {
      return (await this.docker.getContainer(containerId).inspect()) as unknown as ContainerInspect;
    } catch (err) {
      if (dockerStatusCode(err) === 404) return null;
      throw dockerCallError(`inspect container ${containerId}`, err);
    }
  }

  async imageExists(image: string): Promise<boolean> {
    try {
      await this.docker.getImage(image).inspect();
      return true;
    } catch (err) {
      if (dockerStatusCode(err) === 404) return false;
      throw dockerCallError(`inspect image ${image}`, err);
    }
  }

  /** Inspects an image by reference or id; null when the engine does not have it. */
  async inspectImage(ref: string): Promise<ImageInfo | null> {
    try {
      const info = await this.docker.getImage(ref).inspect();
      return { id: info.Id, labels: info.Config?.Labels ?? {} };
    } catch (err) {
      if (dockerStatusCode(err) === 404) return null;
      throw dockerCallError(`inspect image ${ref}`, err);
    }
  }

  /**
   * Builds contextDir (sent as a tar; .dockerignore is honoured) into an image tagged
   * options.tag, calling onLine for every non-blank line of build output as it comes. A failing
   * build throws BUILD_FAILED with the engine's message.
   */
  async buildImage(contextDir: string, options: BuildOptions, onLine: (line: string) => void): Promise<void> {
    // dockerode tars the listed entries of the context (directories recursively).
    const src = await readdir(contextDir);
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.buildImage(
        { context: contextDir, src },
        { t: options.tag, dockerfile: options.dockerfile, labels: options.labels, rm: true, forcerm: true },
      );
    } catch (err) {
      const e = dockerCallError(`build ${options.tag}`, err);
      throw e.code === 'DOCKER_UNAVAILABLE' ? e : new BerthError('BUILD_FAILED', e.message, { tag: options.tag });
    }
    // The body is JSON messages, one a line: {"stream": text} for output, {"error": ...} at a failure.
    const engineError = await new Promise<string | null>((resolve, reject) => {
      let buffer = '';
      let pendingText = '';
      let error: string | null = null;
      const emit = (text: string) => {
        const lines = (pendingText + text).split('\n');
        pendingText = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) onLine(line.trimEnd());
      };
      const handle = (raw: string) => {
        if (!raw.trim()) return;
        let message: { stream?: unknown; error?: unknown; errorDetail?: { message?: unknown } };
        try {
          message = JSON.parse(raw) as typeof message;
        } catch {
          return; // not a message; the next ones still are
        }
        if (typeof message.stream === 'string') emit(message.stream);
        const failure = message.errorDetail?.message ?? message.error;
        if (failure !== undefined && failure !== null) error = String(failure);
      };
      stream.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) handle(line);
      });
      stream.on('end', () => {
        handle(buffer);
        emit('\n');
        resolve(error);
      });
      stream.on('error', (err) => reject(dockerCallError(`build ${options.tag}`, err)));
    });
    if (engineError !== null) throw new BerthError('BUILD_FAILED', engineError, { tag: options.tag });
  }

  async pullImage(image: string): Promise<void> {
    try {
      const stream = await this.docker.pull(image);
      await new Promise<void>((resolve, reject) => {
        this.docker.modem.followProgress(stream, (err) => (err ? reject(err) : resolve()));
      });
    } catch (err) {
      throw new BerthError('IMAGE_NOT_FOUND', `image ${image} is not on this host and could not be pulled: ${errorMessage(err)}`, { image });
    }
  }

  async createContainer(spec: ContainerCreateSpec): Promise<string> {
    try {
      const container = await this.docker.createContainer(spec as Docker.ContainerCreateOptions);
      return container.id;
    } catch (err) {
      if (dockerStatusCode(err) === 409) throw new BerthError('ALREADY_EXISTS', `a container named ${spec.name} already exists`, { name: spec.name });
      throw dockerCallError(`create container ${spec.name}`, err);
    }
  }

  async startContainer(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).start();
    } catch (err) {
      if (dockerStatusCode(err) === 304) return; // already running
      throw dockerCallError(`start container ${containerId}`, err);
    }
  }

  /**
   * Attaches to a TTY container's terminal (before it starts, so nothing it writes is missed):
   * what it writes goes to `onOutput` as raw bytes (a TTY has no separate stderr).
   */
  async attachTty(containerId: string, onOutput: (data: Buffer) => void): Promise<TtyAttachment> {
    const container = this.docker.getContainer(containerId);
    let stream: NodeJS.ReadWriteStream;
    try {
      stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as NodeJS.ReadWriteStream;
    } catch (err) {
      throw dockerCallError(`attach to container ${containerId.slice(0, 12)}`, err);
    }
    stream.on('data', (chunk: Buffer) => onOutput(chunk));
    stream.on('error', () => undefined);
    return {
      write: (data) => {
        stream.write(data);
      },
      resize: async (rows, cols) => {
        await container.resize({ h: rows, w: cols }).catch(() => undefined);
      },
      close: () => {
        stream.end();
      },
    };
  }

  /** SIGTERM, then SIGKILL after graceSeconds (Docker's own stop semantics). */
  async stopContainer(containerId: string, graceSeconds: number): Promise<void> {
    try {
      await this.docker.getContainer(containerId).stop({ t: graceSeconds });
    } catch (err) {
      const code = dockerStatusCode(err);
      if (code === 304 || code === 404) return; // already stopped or gone
      throw dockerCallError(`stop container ${containerId}`, err);
    }
  }

  async removeContainer(containerId: string): Promise<void> {
    try {
      await this.docker.getContainer(containerId).remove({ force: true, v: true });
    } catch (err) {
      const code = dockerStatusCode(err);
      if (code === 404) return;
      if (code === 409 && /already in progress/i.test(errorMessage(err))) return;
      throw dockerCallError(`remove container ${containerId}`, err);
    }
  }

  /**
   * Follows container events of this agent's instances until stopped. The stream ends when the
   * engine restarts; `onEnd` lets the caller resubscribe and resynchronise.
   */
  async streamEvents(agentId: string, onEvent: (event: DockerEvent) => void, onEnd: (err?: unknown) => void): Promise<() => void> {
    const stream = (await this.docker.getEvents({
      filters: { type: ['container'], label: [`${LABELS.agent}=${agentId}`] },
    })) as NodeJS.ReadableStream & { destroy?: () => void };
    let buffer = '';
    let ended = false;
    const end = (err?: unknown) => {
      if (ended) return;
      ended = true;
      onEnd(err);
    };
    stream.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (!line) continue;
        try {
          onEvent(JSON.parse(line) as DockerEvent);
        } catch {
          // A line that is not JSON is not an event; the next ones still are.
        }
      }
    });
    stream.on('end', () => end());
    stream.on('error', (err) => end(err));
    return () => {
      ended = true;
      stream.destroy?.();
    };
  }
}
