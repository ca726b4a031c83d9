/**
 * The admin API's messages as the gateway sends them: JSON of berth.v1 with field names in
 * camelCase, int64 as strings and defaults filled in, which is what the generated `__Output`
 * types (proto/gen, from proto/berth/v1/*.proto) describe. Types only: nothing of proto/gen is bundled.
 */
export type { AgentSummary__Output as AgentSummary } from '../../proto/gen/berth/v1/AgentSummary';
export type { AppSummary__Output as AppSummary } from '../../proto/gen/berth/v1/AppSummary';
export type { ClusterEvent__Output as ClusterEvent } from '../../proto/gen/berth/v1/ClusterEvent';
export type { Deployment__Output as Deployment } from '../../proto/gen/berth/v1/Deployment';
export type { Env__Output as Env } from '../../proto/gen/berth/v1/Env';
export type { Hook__Output as Hook } from '../../proto/gen/berth/v1/Hook';
export type { HookLogEntry__Output as HookLogEntry } from '../../proto/gen/berth/v1/HookLogEntry';
export type { LogLine__Output as LogLine } from '../../proto/gen/berth/v1/LogLine';
export type { Release__Output as Release } from '../../proto/gen/berth/v1/Release';
export type { RunOutputLine__Output as RunOutputLine } from '../../proto/gen/berth/v1/RunOutputLine';
export type { Run__Output as Run } from '../../proto/gen/berth/v1/Run';

export const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);
export const PHASES = ['queued', 'building', 'starting', 'verifying', 'postdeploy', 'routing', 'draining'];
