/** The standard grpc.health.v1 service: SERVING while the controller runs, for "" and each Berth service. */
import * as grpc from '@grpc/grpc-js';
import type { HealthHandlers } from '../../proto/gen/grpc/health/v1/Health.js';

const SERVICES = new Set(['', 'berth.v1.AgentService', 'berth.v1.AdminService']);

export function createHealthHandlers(isServing: () => boolean): HealthHandlers {
  const status = (service: string) => (!SERVICES.has(service) ? 'SERVICE_UNKNOWN' : isServing() ? 'SERVING' : 'NOT_SERVING');
  return {
    Check: (call, callback) => {
      if (!SERVICES.has(call.request.service)) {
        callback({ code: grpc.status.NOT_FOUND, details: `unknown service "${call.request.service}"` });
        return;
      }
      callback(null, { status: status(call.request.service) });
    },
    Watch: (call) => {
      call.write({ status: status(call.request.service) });
      // The status does not change while the process lives; the stream stays open until the client leaves.
    },
  };
}
