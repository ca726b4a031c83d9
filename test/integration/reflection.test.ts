/**
 * gRPC server reflection, as grpcurl uses it: a client that knows nothing but the controller's
 * address (it loads only Google's public reflection.proto, vendored in proto/grpc, never Berth's protos) lists
 * the services, fetches their descriptors and makes real calls with them.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBerth } from '../helpers/berth-cli.js';
import { run } from '../helpers/exec.js';
import { REPO_ROOT } from '../helpers/repo-root.js';
import { startCluster, uniqueSuffix, type Cluster } from '../helpers/cluster.js';
import { TEST_IMAGE } from '../helpers/test-image.js';

const appName = `refl-${uniqueSuffix()}`;
let cluster: Cluster;
let address: string;

beforeAll(async () => {
  cluster = await startCluster();
  address = `127.0.0.1:${cluster.controller.grpcPort}`;
  // The app ListApps must return, applied the ordinary way (the CLI with Berth's own protos).
  const dir = await mkdtemp(join(tmpdir(), 'berth-reflection-'));
  const file = join(dir, 'app.yml');
  await writeFile(file, `name: ${appName}\nservices:\n  web: { image: ${TEST_IMAGE}, port: 8080 }\n`);
  const applied = await runBerth(['apps', 'apply', '-f', file], { BERTH_ADDR: address, BERTH_TOKEN: cluster.controller.adminToken });
  expect(applied.stderr).toBe('');
  expect(applied.code).toBe(0);
});

afterAll(async () => {
  await cluster?.close();
});

// --- the reflection client: grpc.reflection.v1 from the fixture proto, nothing else ---

interface ReflectionRequest {
  host?: string;
  list_services?: string;
  file_containing_symbol?: string;
}

interface ReflectionResponse {
  message_response: 'list_services_response' | 'file_descriptor_response' | 'error_response';
  list_services_response?: { service: Array<{ name: string }> };
  file_descriptor_response?: { file_descriptor_proto: Buffer[] };
  error_response?: { error_code: number; error_message: string };
}

type ReflectionClient = grpc.Client & { ServerReflectionInfo(metadata?: grpc.Metadata): grpc.ClientDuplexStream<ReflectionRequest, ReflectionResponse> };

function reflectionClient(): ReflectionClient {
  const definition = protoLoader.loadSync('grpc/reflection/v1/reflection.proto', {
    includeDirs: [resolve(REPO_ROOT, 'proto')],
    keepCase: true,
    oneofs: true,
  });
  const loaded = grpc.loadPackageDefinition(definition) as unknown as {
    grpc: { reflection: { v1: { ServerReflection: new (address: string, credentials: grpc.ChannelCredentials) => ReflectionClient } } };
  };
  return new loaded.grpc.reflection.v1.ServerReflection(address, grpc.credentials.createInsecure());
}

/** Sends the requests on one ServerReflectionInfo stream (no token) and returns the answers, in order. */
function reflect(requests: ReflectionRequest[]): Promise<ReflectionResponse[]> {
  const client = reflectionClient();
  return new Promise((resolve, reject) => {
    const responses: ReflectionResponse[] = [];
    const call = client.ServerReflectionInfo(new grpc.Metadata());
    call.on('data', (response: ReflectionResponse) => responses.push(response));
    call.on('error', (err) => {
      client.close();
      reject(err);
    });
    call.on('end', () => {
      client.close();
      resolve(responses);
    });
    for (const request of requests) call.write({ host: '', ...request });
    call.end();
  });
}

/** Every service name the server lists. */
async function listServices(): Promise<string[]> {
  const [answer] = await reflect([{ list_services: '*' }]);
  if (!answer?.list_services_response) throw new Error(`list_services answered ${JSON.stringify(answer)}`);
  return answer.list_services_response.service.map((s) => s.name);
}

// protobufjs/ext/descriptor adds Root.fromDescriptor at run time; protobufjs's typings omit it.
const rootFromDescriptor = (protobuf.Root as unknown as { fromDescriptor(set: descriptor.IFileDescriptorSet): protobuf.Root }).fromDescriptor;

/** The services' files (and their imports) fetched by symbol, decoded into one protobufjs Root. */
async function descriptorsOf(symbols: string[]): Promise<protobuf.Root> {
  const answers = await reflect(symbols.map((symbol) => ({ file_containing_symbol: symbol })));
  const files = new Map<string, descriptor.IFileDescriptorProto>();
  for (const answer of answers) {
    if (!answer.file_descriptor_response) throw new Error(`file_containing_symbol answered ${JSON.stringify(answer)}`);
    for (const bytes of answer.file_descriptor_response.file_descriptor_proto) {
      const file = descriptor.FileDescriptorProto.decode(bytes) as unknown as descriptor.IFileDescriptorProto;
      files.set(file.name ?? '', file);
    }
  }
  return rootFromDescriptor({ file: [...files.values()] });
}

/** One unary call whose messages are encoded and decoded only with the reflected descriptors. */
function callUnary(
  root: protobuf.Root,
  service: string,
  methodName: string,
  request: object,
  metadata = new grpc.Metadata(),
): Promise<Record<string, unknown>> {
  const method = root.lookupService(service).methods[methodName];
  if (!method) throw new Error(`${service} has no method ${methodName} in the reflected descriptors`);
  method.resolve();
  const requestType = method.resolvedRequestType;
  const responseType = method.resolvedResponseType;
  if (!requestType || !responseType) throw new Error(`${service}/${methodName}: unresolved message types`);
  const client = new grpc.Client(address, grpc.credentials.createInsecure());
  return new Promise((resolve, reject) => {
    client.makeUnaryRequest(
      `/${service}/${methodName}`,
      (value: object) => Buffer.from(requestType.encode(requestType.fromObject(value)).finish()),
      (bytes: Buffer) => responseType.toObject(responseType.decode(bytes), { longs: String, enums: String, defaults: true }),
      request,
      metadata,
      (err: grpc.ServiceError | null, response?: Record<string, unknown>) => {
        client.close();
        if (err) reject(err);
        else resolve(response ?? {});
      },
    );
  });
}

function withToken(token: string): grpc.Metadata {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${token}`);
  return metadata;
}

describe('gRPC server reflection', () => {
  it('a client that knows nothing but the address lists the services and calls one', async () => {
    const services = await listServices();
    expect(services).toEqual(
      expect.arrayContaining(['berth.v1.AdminService', 'berth.v1.AgentService', 'grpc.health.v1.Health', 'grpc.reflection.v1.ServerReflection']),
    );

    const root = await descriptorsOf(['berth.v1.AdminService', 'grpc.health.v1.Health']);
    // The descriptors name fields as admin.proto does, so grpcurl users can write what they read there.
    expect(Object.keys(root.lookupType('berth.v1.ApplyAppRequest').fields)).toEqual(['spec_text', 'source']);

    // The admin method still asks for the token: none, then the admin token.
    await expect(callUnary(root, 'berth.v1.AdminService', 'ListApps', {})).rejects.toMatchObject({
      code: grpc.status.UNAUTHENTICATED,
      details: expect.stringMatching(/missing token/),
    });
    const listed = await callUnary(root, 'berth.v1.AdminService', 'ListApps', {}, withToken(cluster.controller.adminToken));
    const apps = listed.apps as Array<{ name: string; services: string[] }>;
    expect(apps.map((a) => a.name)).toContain(appName);
    expect(apps.find((a) => a.name === appName)?.services).toEqual(['web']);

    const health = await callUnary(root, 'grpc.health.v1.Health', 'Check', { service: '' });
    expect(health).toEqual({ status: 'SERVING' });
  });

  // Buf's own client (Go, like grpcurl), with nothing but the address: it rejected the
  // descriptors once built at run time ("failed to find service named berth.v1.Admin in schema", the name the service had then).
  it('buf curl lists every method and calls one with the descriptors it is served', async () => {
    const buf = resolve(REPO_ROOT, 'node_modules', '.bin', 'buf');
    const methods = (await run(buf, ['curl', '--protocol', 'grpc', '--http2-prior-knowledge', '--list-methods', `http://${address}`])).split('\n');
    expect(methods).toEqual(
      expect.arrayContaining(['berth.v1.AdminService/ListApps', 'berth.v1.AdminService/Deploy', 'berth.v1.AgentService/Join', 'grpc.health.v1.Health/Check']),
    );
    const listed = await run(buf, [
      'curl',
      '--protocol',
      'grpc',
      '--http2-prior-knowledge',
      '-H',
      `authorization: Bearer ${cluster.controller.adminToken}`,
      '-d',
      '{}',
      `http://${address}/berth.v1.AdminService/ListApps`,
    ]);
    expect((JSON.parse(listed) as { apps: Array<{ name: string; services: string[] }> }).apps).toContainEqual(
      expect.objectContaining({ name: appName, services: ['web'] }),
    );
  });

  it('answers an unknown symbol with NOT_FOUND in the stream, not a broken call', async () => {
    const [answer] = await reflect([{ file_containing_symbol: 'berth.v1.NoSuchService' }]);
    expect(answer?.error_response).toMatchObject({ error_code: grpc.status.NOT_FOUND });
  });
});
