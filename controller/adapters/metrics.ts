/**
 * Prometheus metrics (GET /metrics, prom-client): what happened (counters and histograms fed by
 * the pipeline's events) and what is (gauges read from the store when scraped). Labels are kept
 * to small sets: app names, phases, kinds, statuses and reason codes, never free text.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { agentStatus } from '../core/agent-registry.js';
import { phaseDurations, type DeploymentRecord } from '../core/deployment-record.js';
import type { RunRecord } from '../core/run.js';
import type { Store } from '../state/store.js';

export class Metrics {
  readonly registry = new Registry();
  private readonly deployments: Counter;
  private readonly phaseSeconds: Histogram;
  private readonly postdeployExits: Counter;
  private readonly hookDecisions: Counter;
  private readonly runs: Counter;
  private readonly taskRoundTrip: Histogram;
  private readonly reconnects: Counter;

  /** `leading`: with several controllers, whether this one leads now (berth_controller_leading). */
  constructor(store: Store, connectedAgents: () => number, leading?: () => boolean) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'berth_controller_' });
    this.deployments = new Counter({
      name: 'berth_deployments_total',
      help: 'Deployments that ended, by app, kind and result',
      labelNames: ['app', 'kind', 'result'],
      registers,
    });
    this.phaseSeconds = new Histogram({
      name: 'berth_deployment_phase_seconds',
      help: 'Time deployments spent in each phase',
      labelNames: ['phase'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900],
      registers,
    });
    this.postdeployExits = new Counter({
      name: 'berth_postdeploy_exits_total',
      help: 'Postdeploy commands that ended, by app and exit status (-128: stopped at its time limit)',
      labelNames: ['app', 'status'],
      registers,
    });
    this.runs = new Counter({
      name: 'berth_runs_total',
      help: 'One-off runs that ended, by app, what started them (manual or schedule) and how they ended',
      labelNames: ['app', 'trigger', 'result'],
      registers,
    });
    this.hookDecisions = new Counter({
      name: 'berth_hook_decisions_total',
      help: 'Redeployment hook requests, by app, decision and reason',
      labelNames: ['app', 'decision', 'reason'],
      registers,
    });
    this.taskRoundTrip = new Histogram({
      name: 'berth_task_round_trip_seconds',
      help: 'From dispatching a task to its result from the agent, by task kind',
      labelNames: ['kind'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 60, 300],
      registers,
    });
    this.reconnects = new Counter({
      name: 'berth_reconnects_total',
      help: 'Connections re-established: the controller to NATS, agents to the controller (gRPC report streams)',
      labelNames: ['link'],
      registers,
    });
    new Gauge({
      name: 'berth_agents',
      help: 'Known agents by status, and how many have a report stream open',
      labelNames: ['status'],
      registers,
      collect() {
        this.reset();
        for (const status of ['ready', 'draining', 'down']) this.set({ status }, 0);
        for (const agent of Object.values(store.data.agents)) this.inc({ status: agentStatus(agent) });
        this.set({ status: 'connected' }, connectedAgents());
      },
    });
    if (leading)
      new Gauge({
        name: 'berth_controller_leading',
        help: '1 while this controller leads (several controllers share a state in NATS), 0 while it follows',
        registers,
        collect() {
          this.set(leading() ? 1 : 0);
        },
      });
    new Gauge({
      name: 'berth_instances',
      help: 'Instances the agents report, by state and health',
      labelNames: ['state', 'health'],
      registers,
      collect() {
        this.reset();
        for (const agent of Object.values(store.data.agents)) {
          for (const instance of Object.values(agent.instances)) this.inc({ state: instance.state, health: instance.health });
        }
      },
    });
  }

  deploymentEnded(d: DeploymentRecord): void {
    this.deployments.inc({ app: d.app, kind: d.request.kind, result: d.state });
    for (const { phase, ms } of phaseDurations(d.history)) this.phaseSeconds.observe({ phase }, ms / 1000);
    const exitCode = d.postdeploy?.exitCode;
    if (exitCode !== null && exitCode !== undefined) this.postdeployExits.inc({ app: d.app, status: String(exitCode) });
  }

  runEnded(r: RunRecord): void {
    this.runs.inc({ app: r.app, trigger: r.schedule ? 'schedule' : 'manual', result: r.state });
  }

  /** `code`: the decision's HookReasonCode (the reason text names branches and commits: a label per push). */
  hookDecided(app: string, decision: string, code: string): void {
    this.hookDecisions.inc({ app, decision, reason: code });
  }

  taskAnswered(kind: string, ms: number): void {
    this.taskRoundTrip.observe({ kind }, ms / 1000);
  }

  reconnected(link: 'nats' | 'agent-grpc'): void {
    this.reconnects.inc({ link });
  }

  async render(): Promise<{ contentType: string; text: string }> {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
