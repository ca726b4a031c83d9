/**
 * The admin gRPC service (berth.v1.AdminService), put together from one set of handlers per
 * resource (admin/: apps, deployments, agents, tokens, env, hooks, events, runs). Every call is
 * authenticated and checked against the permission table (permissions.ts) by admin/rpc.ts;
 * messages are made in proto-mapping.ts; the decisions behind changes are core/admin-rules.ts.
 */
import type { AdminServiceHandlers } from '../../proto/gen/berth/v1/AdminService.js';
import type { Logger } from '../../shared/logger.js';
import type { NatsAdapter } from '../adapters/nats.js';
import type { Store } from '../state/store.js';
import type { AgentEnrolment } from '../pipeline/agent-enrolment.js';
import type { ClusterEvents } from '../pipeline/cluster-events.js';
import type { DeploymentRunner } from '../pipeline/deployment-runner.js';
import type { FleetReactions } from '../pipeline/fleet-reactions.js';
import type { HookReceiver } from '../pipeline/hook-receiver.js';
import type { Router } from '../pipeline/router.js';
import type { RunManager } from '../pipeline/run-manager.js';
import type { TaskDispatcher } from '../pipeline/task-dispatcher.js';
import { agentHandlers } from './admin/agents.js';
import { appHandlers } from './admin/apps.js';
import { deploymentHandlers } from './admin/deployments.js';
import { envHandlers } from './admin/env.js';
import { eventHandlers } from './admin/events.js';
import { hookHandlers } from './admin/hooks.js';
import { AppSummaryRows, readHandlers } from './admin/reads.js';
import { createAdminRpc } from './admin/rpc.js';
import { runHandlers } from './admin/runs.js';
import { tokenHandlers } from './admin/tokens.js';
import type { Authenticator } from './auth.js';

export interface AdminContext {
  enrolment: AgentEnrolment;
  events: ClusterEvents;
  nats: NatsAdapter;
  hooks: HookReceiver;
  /** The base of hook URLs (the HTTP address is known only once it listens). */
  publicUrl: () => string;
  runner: DeploymentRunner;
  runs: RunManager;
  /** Drain moves an agent's instances elsewhere. */
  reactions: FleetReactions;
  store: Store;
  dispatcher: TaskDispatcher;
  /** Where and how apps are routed (apps delete takes an app out of routing). */
  router: Router;
  /** Who calls (the admin token and the stored ones): the composition root's, shared with the dashboard's sign-in. */
  auth: Authenticator;
  log: Logger;
}

/** The service's handlers; what they keep between calls (the ListApps rows) is theirs alone. */
export function createAdminHandlers(context: AdminContext): AdminServiceHandlers {
  const { store, log } = context;
  const base = { rpc: createAdminRpc(context.auth, store), store, log };
  return {
    ...appHandlers({ ...base, nats: context.nats, dispatcher: context.dispatcher, router: context.router }),
    ...deploymentHandlers({ ...base, runner: context.runner }),
    ...agentHandlers({ ...base, enrolment: context.enrolment, reactions: context.reactions }),
    ...readHandlers({ ...base, rows: new AppSummaryRows(), deploymentsOf: (app) => context.runner.list(app) }),
    ...tokenHandlers(base),
    ...envHandlers(base),
    ...hookHandlers({ ...base, hooks: context.hooks, publicUrl: context.publicUrl }),
    ...eventHandlers({ ...base, events: context.events }),
    ...runHandlers({ ...base, runs: context.runs }),
  };
}
