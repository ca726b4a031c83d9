/**
 * The admin API of a follower (several controllers sharing a state in NATS): the read side from
 * its copy of the state (admin/reads.ts), with the same tokens and permission table as the
 * leader's; every other method (a change, or a stream from the leader's running pipeline) is
 * answered NOT_LEADER with the leader's address, which the berth CLI then calls instead.
 */
import type { EventEmitter } from 'node:events';
import type * as grpc from '@grpc/grpc-js';
import type { AdminServiceHandlers } from '../../proto/gen/berth/v1/AdminService.js';
import { BerthError } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { leaderDashboardUrl, type LeaseRecord } from '../core/lease.js';
import { appDeployments } from '../pipeline/stored-records.js';
import type { Store } from '../state/store.js';
import { AppSummaryRows, readHandlers } from './admin/reads.js';
import { createAdminRpc } from './admin/rpc.js';
import { Authenticator } from './auth.js';
import { toGrpcError } from './grpc-status.js';
import { ADMIN_ACCESS, type AdminMethod } from './permissions.js';

/** Answers any kind of call (unary: the callback; streams: an error on the call) with an error. */
type Refusal = (call: EventEmitter & { metadata: grpc.Metadata }, callback?: (err: Partial<grpc.StatusObject>) => void) => void;

export function notLeader(leader: LeaseRecord | null): BerthError {
  return leader
    ? new BerthError(
        'NOT_LEADER',
        `this controller follows; the leader is ${leader.holder} at ${leader.grpcAddress} (term ${leader.term}), its dashboard at ${leaderDashboardUrl(leader)}`,
        // The gRPC address: the CLI calls it instead.
        { leader: leader.grpcAddress },
      )
    : new BerthError('NOT_LEADER', 'this controller follows and no controller leads right now (one takes over within a lease); try again in a moment');
}

/** Tokens checked against the copy of the state: the admin token is the one the controllers share. */
export function followerAuthenticator(store: Store): Authenticator {
  return new Authenticator(() => store.data.cluster.adminToken ?? '', store);
}

export function createFollowerAdminHandlers(store: Store, auth: Authenticator, log: Logger, leader: () => LeaseRecord | null): AdminServiceHandlers {
  const refuse =
    (method: AdminMethod): Refusal =>
    (call, callback) => {
      let err: unknown;
      try {
        auth.authorize(call.metadata, ADMIN_ACCESS[method], method);
        err = notLeader(leader());
      } catch (refused) {
        err = refused;
      }
      if (callback) callback(toGrpcError(err));
      else call.emit('error', toGrpcError(err));
    };
  const refusals = {} as Record<AdminMethod, Refusal>;
  for (const method of Object.keys(ADMIN_ACCESS) as AdminMethod[]) refusals[method] = refuse(method);
  const reads = readHandlers({ rpc: createAdminRpc(auth, store), store, log, rows: new AppSummaryRows(), deploymentsOf: (app) => appDeployments(store, app) });
  return { ...refusals, ...reads };
}
