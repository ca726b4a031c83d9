/**
 * The controller's gRPC server: agent reports, the admin API, grpc.health.v1 and gRPC server
 * reflection (v1 and v1alpha) on one port.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import { BERTH_PROTO_FILES, loadBerthProto, protoRoot } from '../../proto/load.js';
import type { AdminHandlers } from '../../proto/gen/berth/v1/Admin.js';
import type { AgentReportsHandlers } from '../../proto/gen/berth/v1/AgentReports.js';
import type { HealthHandlers } from '../../proto/gen/grpc/health/v1/Health.js';
import { formatHostPort, type HostPort } from '../../shared/address.js';
import { createAppListSerializer } from '../api/app-list-encoding.js';
import { BerthError, errorMessage } from '../../shared/errors.js';

export interface GrpcServices {
  reports: AgentReportsHandlers;
  admin: AdminHandlers;
  health: HealthHandlers;
}

/** The port's TLS certificate chain and key (PEM); null: plaintext. */
export type GrpcTls = { cert: Buffer; key: Buffer } | null;

export async function startGrpcServer(address: HostPort, services: GrpcServices, tls: GrpcTls = null): Promise<{ server: grpc.Server; port: number }> {
  const proto = loadBerthProto();
  const server = new grpc.Server({
    // Agents hold their stream for days; server keepalives find dead peers behind NAT or a cut cable.
    'grpc.keepalive_time_ms': 20_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
  });
  server.addService(proto.berth.v1.AgentReports.service, services.reports);
  const admin = proto.berth.v1.Admin.service;
  // ListApps answers are assembled from rows encoded once each (see app-list-encoding.ts).
  const listApps = { ...admin.ListApps, responseSerialize: createAppListSerializer(proto.berth.v1.AppSummary.serialize) };
  server.addService({ ...admin, ListApps: listApps }, services.admin);
  server.addService(proto.grpc.health.v1.Health.service, services.health);
  // Reflection lets grpcurl and similar tools list and call the API without the .proto files. It
  // only describes the API, so it asks for no token; the admin methods still check theirs.
  new ReflectionService(reflectedDefinition()).addToServer(server);
  const port = await new Promise<number>((resolve, reject) => {
    const credentials = tls
      ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: tls.cert, private_key: tls.key }], false)
      : grpc.ServerCredentials.createInsecure();
    server.bindAsync(formatHostPort(address), credentials, (err, boundPort) => {
      if (err) reject(new BerthError('INVALID_CONFIG', `cannot listen for gRPC on ${formatHostPort(address)}: ${errorMessage(err)}`));
      else resolve(boundPort);
    });
  });
  return { server, port };
}

/**
 * What reflection describes: the Berth protos plus the reflection protos, which @grpc/reflection
 * serves but lists only when they are in the definition it is given (it ships them in build/proto).
 * Loaded with keepCase, unlike proto/load.ts, so the descriptors carry the .proto's field names
 * (spec_text, not specText): grpcurl then takes spec_text and specText alike, as the .proto reads.
 */
function reflectedDefinition(): protoLoader.PackageDefinition {
  const reflectionProtos = join(dirname(createRequire(import.meta.url).resolve('@grpc/reflection/package.json')), 'build', 'proto');
  return protoLoader.loadSync([...BERTH_PROTO_FILES, 'grpc/reflection/v1/reflection.proto', 'grpc/reflection/v1alpha/reflection.proto'], {
    keepCase: true,
    includeDirs: [protoRoot(), reflectionProtos],
  });
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
