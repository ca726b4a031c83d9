/**
 * The agent's credentials: DATA_DIR/credentials.json (mode 0600), made once by exchanging a join
 * token with the controller (AgentService.Join) and read at every later start. They hold the
 * agent's secret for its report stream and, when the controller's NATS has authorization, NATS
 * credentials limited to this agent's subjects.
 */
import { constants } from 'node:fs';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { z } from 'zod';
import type { JoinResponse__Output } from '../../proto/gen/berth/v1/JoinResponse.js';
import { loadBerthProto } from '../../proto/load.js';
import { BerthError, errorMessage, isBerthError } from '../../shared/errors.js';
import { writeSecretFile } from '../../shared/secret-file.js';

const CredentialsSchema = z.object({
  agentId: z.string().min(1),
  controller: z.string().min(1),
  secret: z.string().min(20),
  nats: z.object({ creds: z.string().min(1), inboxPrefix: z.string().min(1) }).nullable(),
  joinedAtMs: z.number(),
});
export type AgentCredentials = z.infer<typeof CredentialsSchema>;

export function credentialsPath(dataDir: string): string {
  return join(dataDir, 'credentials.json');
}

export interface CredentialOptions {
  agentId: string;
  hostname: string;
  controllerAddr: string;
  dataDir: string;
  joinToken: string | null;
  /** How to reach the controller (the report stream's channel credentials). */
  channel: grpc.ChannelCredentials;
}

/** The stored credentials, or new ones from a join; a clear error when there are neither. */
/** The credentials saved in a data dir, or null when there are none; a broken file is an error that says what to do. */
export async function readCredentials(dataDir: string): Promise<AgentCredentials | null> {
  const path = credentialsPath(dataDir);
  const text = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new BerthError('INVALID_CONFIG', `cannot read ${path}: ${errorMessage(err)}`);
  });
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new BerthError('INVALID_CONFIG', `${path} is not valid JSON (${errorMessage(err)}); delete it and start again with --join-token`);
  }
  const result = CredentialsSchema.safeParse(parsed);
  if (!result.success) throw new BerthError('INVALID_CONFIG', `${path} is not an agent credentials file; delete it and start again with --join-token`);
  return result.data;
}

export async function loadOrJoin(options: CredentialOptions): Promise<{ credentials: AgentCredentials; joined: boolean }> {
  const path = credentialsPath(options.dataDir);
  const saved = await readCredentials(options.dataDir);
  if (saved !== null) {
    if (saved.agentId !== options.agentId) {
      throw new BerthError(
        'INVALID_CONFIG',
        `${path} holds the credentials of agent ${saved.agentId}, not ${options.agentId}: start with --id ${saved.agentId}, or give this agent its own --data-dir`,
      );
    }
    return { credentials: saved, joined: false };
  }
  if (!options.joinToken) {
    throw new BerthError(
      'INVALID_CONFIG',
      `no credentials in ${path} and no join token: make one on the controller with 'berth agents join-token' and start with --join-token TOKEN (or BERTH_JOIN_TOKEN)`,
    );
  }
  // Before joining: a credential the controller issued but the agent cannot keep is orphaned.
  await assertWritable(options.dataDir);
  const response = await callJoin(options);
  const credentials: AgentCredentials = {
    agentId: response.agentId,
    controller: options.controllerAddr,
    secret: response.secret,
    nats: response.nats ? { creds: response.nats.creds, inboxPrefix: response.nats.inboxPrefix } : null,
    joinedAtMs: Date.now(),
  };
  await writeSecretFile(path, `${JSON.stringify(credentials, null, 2)}\n`);
  return { credentials, joined: true };
}

async function assertWritable(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await access(dir, constants.W_OK);
  } catch (err) {
    throw new BerthError(
      'INVALID_CONFIG',
      `--data-dir ${dir}: cannot keep the agent's credentials there (${errorMessage(err)}); run as a user who may write it, or choose another --data-dir`,
    );
  }
}

/** Joins at the first of the controller addresses that takes it (one leads; a follower answers NOT_LEADER, as unreachable). */
async function callJoin(options: CredentialOptions): Promise<JoinResponse__Output> {
  const addresses = options.controllerAddr
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  let unreachable: BerthError | null = null;
  for (const address of addresses) {
    try {
      return await callJoinAt(options, address);
    } catch (err) {
      if (!isBerthError(err, 'CONTROLLER_UNAVAILABLE')) throw err;
      unreachable = err;
    }
  }
  throw unreachable ?? new BerthError('INVALID_CONFIG', '--controller: no address given');
}

function callJoinAt(options: CredentialOptions, address: string): Promise<JoinResponse__Output> {
  const client = new (loadBerthProto().berth.v1.AgentService)(address, options.channel);
  return new Promise<JoinResponse__Output>((resolve, reject) => {
    client.Join(
      { agentId: options.agentId, joinToken: options.joinToken ?? '', hostname: options.hostname },
      { deadline: Date.now() + 15_000 },
      (err, response) => {
        client.close();
        if (!err && response) return resolve(response);
        if (err?.code === grpc.status.UNAVAILABLE || err?.code === grpc.status.DEADLINE_EXCEEDED) {
          return reject(new BerthError('CONTROLLER_UNAVAILABLE', `cannot reach the controller at ${address} to join: ${err.details}`));
        }
        reject(
          new BerthError(
            err?.code === grpc.status.UNAUTHENTICATED ? 'UNAUTHENTICATED' : 'FAILED_PRECONDITION',
            `the controller refused the join: ${err?.details ?? 'no answer'}`,
          ),
        );
      },
    );
  });
}

/** The CA the controller's certificate must chain to (--ca); a missing file is a clear start error. */
export async function readCaFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (err) {
    throw new BerthError('INVALID_CONFIG', `--ca ${file}: ${errorMessage(err)}`);
  }
}
