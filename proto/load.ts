import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import type { ProtoGrpcType as AgentProto } from './gen/agent.js';
import type { ProtoGrpcType as AdminProto } from './gen/admin.js';
import type { ProtoGrpcType as HealthProto } from './gen/health.js';

/**
 * Loads the .proto contracts at run time. This file runs from proto/ under vitest and from
 * dist/proto/ when built, so the proto root is found by walking up to the folder holding berth/v1.
 */
function findProtoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'berth', 'v1', 'agent.proto'))) return candidate;
    if (existsSync(join(dir, 'berth', 'v1', 'agent.proto'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the proto/ folder next to the Berth installation');
}

const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

export type BerthProto = AgentProto & AdminProto & HealthProto;

/** The .proto files of the API, relative to protoRoot(). */
const BERTH_PROTO_FILES = ['berth/v1/agent.proto', 'berth/v1/admin.proto', 'grpc/health/v1/health.proto'];

let cached: BerthProto | undefined;

export function loadBerthProto(): BerthProto {
  if (cached) return cached;
  const root = findProtoRoot();
  const definition = protoLoader.loadSync(BERTH_PROTO_FILES, { ...LOADER_OPTIONS, includeDirs: [root] });
  cached = grpc.loadPackageDefinition(definition) as unknown as BerthProto;
  return cached;
}

let types: protobuf.Root | undefined;

/** The API's message types, for checking JSON against them (protobuf.js; names in camelCase as the JSON is). */
export function loadBerthTypes(): protobuf.Root {
  if (types) return types;
  const dir = findProtoRoot();
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(dir, target);
  types = root.loadSync(BERTH_PROTO_FILES);
  return types;
}

export function protoRoot(): string {
  return findProtoRoot();
}
