/** AgentService.Join over gRPC: validation of the request and error mapping around AgentEnrolment. */
import type * as grpc from '@grpc/grpc-js';
import type { JoinRequest__Output } from '../../proto/gen/berth/v1/JoinRequest.js';
import type { JoinResponse } from '../../proto/gen/berth/v1/JoinResponse.js';
import { BerthError } from '../../shared/errors.js';
import type { AgentEnrolment } from '../pipeline/agent-enrolment.js';
import { toGrpcError } from './grpc-status.js';

export function createJoinHandler(enrolment: AgentEnrolment): grpc.handleUnaryCall<JoinRequest__Output, JoinResponse> {
  return (call, callback) => {
    const { agentId, joinToken, hostname } = call.request;
    Promise.resolve()
      .then(() => {
        if (!joinToken) throw new BerthError('UNAUTHENTICATED', 'no join token: start the agent with --join-token TOKEN from berth agents join-token');
        if (hostname.length > 253) throw new BerthError('INVALID_ARGUMENT', 'hostname: at most 253 characters');
        return enrolment.join({ agentId, joinToken, hostname });
      })
      .then((result) => callback(null, { agentId: result.agentId, secret: result.secret, nats: result.nats ?? undefined }))
      .catch((err: unknown) => callback(toGrpcError(err)));
  };
}
