/** The controller's gRPC server: agent reports, the admin API and grpc.health.v1 on one port. */
import * as grpc from '@grpc/grpc-js';
import { loadBerthProto } from '../../proto/load.js';
import type { AdminHandlers } from '../../proto/gen/berth/v1/Admin.js';
import type { AgentReportsHandlers } from '../../proto/gen/berth/v1/AgentReports.js';
import type { HealthHandlers } from '../../proto/gen/grpc/health/v1/Health.js';
import { formatHostPort, type HostPort } from '../../shared/address.js';
import { BerthError, errorMessage } from '../../shared/errors.js';

export interface GrpcServices {
  reports: AgentReportsHandlers;
  admin: AdminHandlers;
  health: HealthHandlers;
}

export async function startGrpcServer(address: HostPort, services: GrpcServices): Promise<{ server: grpc.Server; port: number }> {
  const proto = loadBerthProto();
  const server = new grpc.Server({
    // Agents hold their stream for days; server keepalives find dead peers behind NAT or a cut cable.
    'grpc.keepalive_time_ms': 20_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
  });
  server.addService(proto.berth.v1.AgentReports.service, services.reports);
  server.addService(proto.berth.v1.Admin.service, services.admin);
  server.addService(proto.grpc.health.v1.Health.service, services.health);
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(formatHostPort(address), grpc.ServerCredentials.createInsecure(), (err, boundPort) => {
      if (err) reject(new BerthError('INVALID_CONFIG', `cannot listen for gRPC on ${formatHostPort(address)}: ${errorMessage(err)}`));
      else resolve(boundPort);
    });
  });
  return { server, port };
}

export function stopGrpcServer(server: grpc.Server, graceMs = 2000): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.forceShutdown();
      resolve();
    }, graceMs);
    server.tryShutdown(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}
