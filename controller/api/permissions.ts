/**
 * Who may call what on the admin API: the one table of the token scope each method needs. Read-only
 * tokens may call the "read" methods (list, get, watch, logs); everything that changes state needs
 * an admin token. A Record over every method of berth.v1.AdminService, so a method added to the
 * proto does not compile until someone decides. Env values are the one thing inside a read that
 * also needs an admin token (checkReveal).
 */
import type { AdminServiceHandlers } from '../../proto/gen/berth/v1/AdminService.js';
import { BerthError } from '../../shared/errors.js';
import type { Access, Caller } from './auth.js';

/** The admin API's method names (AdminServiceHandlers without grpc-js's index signature). */
export type AdminMethod = keyof {
  [K in keyof AdminServiceHandlers as string extends K ? never : number extends K ? never : K]: AdminServiceHandlers[K];
};

export const ADMIN_ACCESS: Readonly<Record<AdminMethod, Access>> = {
  // agents
  ListAgents: 'read',
  DrainAgent: 'write',
  UndrainAgent: 'write',
  RemoveAgent: 'write',
  CreateJoinToken: 'write',
  // tokens
  CreateToken: 'write',
  ListTokens: 'write',
  RevokeToken: 'write',
  // env
  ListEnv: 'read',
  SetEnv: 'write',
  UnsetEnv: 'write',
  // apps, their logs, cluster events
  ApplyApp: 'write',
  GetApp: 'read',
  ListApps: 'read',
  DeleteApp: 'write',
  StreamLogs: 'read',
  WatchEvents: 'read',
  // deployments and releases
  Deploy: 'write',
  Rollback: 'write',
  Scale: 'write',
  ListDeployments: 'read',
  GetDeployment: 'read',
  CancelDeployment: 'write',
  WatchDeployment: 'read',
  ListReleases: 'read',
  // hooks, notifications, GitHub
  GetHook: 'write',
  RotateHook: 'write',
  SetHookSecret: 'write',
  ListHookLog: 'read',
  TestHook: 'write',
  SetNotifications: 'write',
  SetGithub: 'write',
  // one-off runs: starting and stopping change things; their state and output are reads
  StartRun: 'write',
  StopRun: 'write',
  // a terminal types into the run: a write
  AttachRun: 'write',
  ListRuns: 'read',
  GetRun: 'read',
  WatchRun: 'read',
};

/** Env values may be secrets: only admin tokens see them. Returns whether to reveal. */
export function checkReveal(caller: Caller, reveal: boolean, method: AdminMethod): boolean {
  if (reveal && caller.scope !== 'admin')
    throw new BerthError('PERMISSION_DENIED', `token "${caller.name}" is read-only: it may not reveal env values (${method} with reveal)`);
  return reveal;
}
