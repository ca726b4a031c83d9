/**
 * The controller's gRPC server: agent reports, the admin API, grpc.health.v1 and gRPC server
 * reflection (v1 and v1alpha) on one port, and the agent service's name before 0.2, which only
 * tells agents that old to upgrade.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import type * as protoLoader from '@grpc/proto-loader';
import { ReflectionService } from '@grpc/reflection';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { loadBerthProto, protoRoot } from '../../proto/load.js';
import type { AdminServiceHandlers } from '../../proto/gen/berth/v1/AdminService.js';
import type { AgentServiceHandlers } from '../../proto/gen/berth/v1/AgentService.js';
import type { HealthHandlers } from '../../proto/gen/grpc/health/v1/Health.js';
import { formatHostPort, type HostPort } from '../../shared/address.js';
import { createAppListSerializer } from '../api/app-list-encoding.js';
import { RETIRED_AGENT_SERVICE, retiredAgentServiceHandlers } from '../api/retired-agent-service.js';
import { BERTH_VERSION } from '../../shared/version.js';
import { BerthError, errorMessage } from '../../shared/errors.js';

export interface GrpcServices {
  reports: AgentServiceHandlers;
  admin: AdminServiceHandlers;
  health: HealthHandlers;
}

/** The port's TLS certificate chain and key (PEM); null: plaintext. */
export type GrpcTls = { cert: Buffer; key: Buffer } | null;

/**
 * `services`: the handlers, or a function giving the current ones (a follower's server is taken
 * over by the leader it becomes: nothing stops listening in between).
 */
export async function startGrpcServer(
  address: HostPort,
  services: GrpcServices | (() => GrpcServices),
  tls: GrpcTls = null,
): Promise<{ server: grpc.Server; port: number }> {
  const proto = loadBerthProto();
  const current = typeof services === 'function' ? services : () => services;
  const handlersOf = <K extends keyof GrpcServices>(kind: K, definition: grpc.ServiceDefinition): GrpcServices[K] =>
    typeof services === 'function' ? delegateTo(definition, () => current()[kind]) : services[kind];
  const server = new grpc.Server({
    // Agents hold their stream for days; server keepalives find dead peers behind NAT or a cut cable.
    'grpc.keepalive_time_ms': 20_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.keepalive_permit_without_calls': 1,
  });
  server.addService(proto.berth.v1.AgentService.service, handlersOf('reports', proto.berth.v1.AgentService.service));
  server.addService(RETIRED_AGENT_SERVICE, retiredAgentServiceHandlers(BERTH_VERSION));
  const admin = proto.berth.v1.AdminService.service;
  // ListApps answers are assembled from rows encoded once each (see app-list-encoding.ts).
  const listApps = { ...admin.ListApps, responseSerialize: createAppListSerializer(proto.berth.v1.AppSummary.serialize) };
  server.addService({ ...admin, ListApps: listApps }, handlersOf('admin', admin));
  server.addService(proto.grpc.health.v1.Health.service, handlersOf('health', proto.grpc.health.v1.Health.service));
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

/** Handlers for every method of `definition` that call the current handlers' method of that name. */
function delegateTo<H extends object>(definition: grpc.ServiceDefinition, current: () => H): H {
  const delegates: Record<string, (...args: unknown[]) => unknown> = {};
  for (const method of Object.keys(definition)) {
    delegates[method] = (...args) => (current() as unknown as Record<string, (...a: unknown[]) => unknown>)[method]?.(...args);
  }
  return delegates as unknown as H;
}

/**
 * What reflection describes: the descriptors `buf build` compiled from the .proto files
 * (proto/descriptors.binpb, made by scripts/gen-proto.sh), Berth's protos and the vendored health
 * and reflection ones, served as compiled. Descriptors rebuilt at run time from proto-loader's
 * definitions named map entries `Labels` instead of `LabelsEntry` and field types without their
 * package, which real clients (grpcurl, buf curl) reject. @grpc/reflection reads the encoded
 * FileDescriptorProtos of a package definition's entries; one entry carries them all.
 */
function reflectedDefinition(): protoLoader.PackageDefinition {
  const set = descriptor.FileDescriptorSet.decode(readFileSync(join(protoRoot(), 'descriptors.binpb'))) as unknown as { file: object[] };
  const fileDescriptorProtos = set.file.map((file) => Buffer.from(descriptor.FileDescriptorProto.encode(file).finish()));
  return { 'berth.descriptors': { fileDescriptorProtos } } as unknown as protoLoader.PackageDefinition;
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
