/**
 * NATS authorization with NATS's own decentralized JWTs: the controller holds an operator and a
 * BERTH account (and the system account nats-server wants), keeps their nkey seeds in
 * DATA_DIR/nats-auth.json (mode 0600), and signs users with them: one per controller (no limits) and
 * one per agent at its join, limited to that agent's subjects (core/nats-permissions.ts). The
 * nats-server configuration (berth controller nats-config) trusts the operator and preloads the
 * account JWTs, so a new agent needs no change on the server: its user JWT is proof enough.
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeAccount, encodeOperator, encodeUser, fmtCreds } from '@nats-io/jwt';
import { createAccount, createOperator, createUser, fromSeed, type KeyPair } from '@nats-io/nkeys';
import { z } from 'zod';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { writeSecretFile } from '../../shared/secret-file.js';
import { agentInboxPrefix, agentNatsPermissions } from '../core/nats-permissions.js';
import { renderServerConfig, type NatsClusterValues, type RouteAuth } from '../core/nats-server-config.js';
import type { AgentNatsCredentials, NatsUserIssuer } from '../pipeline/agent-enrolment.js';

const KeysSchema = z.object({ operatorSeed: z.string().min(1), accountSeed: z.string().min(1), systemAccountSeed: z.string().min(1) });
type Keys = z.infer<typeof KeysSchema>;

export function natsAuthPath(dataDir: string): string {
  return join(dataDir, 'nats-auth.json');
}

/** Every limit unlimited; disk and memory storage set is what turns JetStream on for an account. */
const ACCOUNT_LIMITS = {
  subs: -1,
  data: -1,
  payload: -1,
  imports: -1,
  exports: -1,
  wildcards: true,
  conn: -1,
  leaf: -1,
  mem_storage: -1,
  disk_storage: -1,
  streams: -1,
  consumer: -1,
};

const text = new TextDecoder();

/** What --controller-id takes (controller/config.ts). */
const CONTROLLER_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

export class NatsAuth implements NatsUserIssuer {
  private readonly operator: KeyPair;
  private readonly account: KeyPair;
  private readonly system: KeyPair;

  constructor(keys: Keys) {
    const encoder = new TextEncoder();
    this.operator = fromSeed(encoder.encode(keys.operatorSeed));
    this.account = fromSeed(encoder.encode(keys.accountSeed));
    this.system = fromSeed(encoder.encode(keys.systemAccountSeed));
  }

  /**
   * The nats-server configuration that trusts this operator (core/nats-server-config.ts): one
   * server, or one node of a cluster. `storeDir` holds JetStream's data.
   */
  async serverConfig(options: { host: string; port: number; storeDir: string; serverName?: string; cluster?: NatsClusterValues }): Promise<string> {
    const operatorJwt = await encodeOperator('berth', this.operator, { system_account: this.system.getPublicKey() });
    const accountJwt = await encodeAccount('BERTH', this.account, { limits: ACCOUNT_LIMITS }, { signer: this.operator });
    const systemJwt = await encodeAccount('SYS', this.system, {}, { signer: this.operator });
    const { host, port, cluster, ...rest } = options;
    return renderServerConfig({
      ...rest,
      ...(cluster ? { cluster: { ...cluster, auth: this.routeAuth() } } : {}),
      listen: { host, port },
      auth: {
        operatorJwt,
        systemAccount: this.system.getPublicKey(),
        accounts: [
          { publicKey: this.account.getPublicKey(), jwt: accountJwt },
          { publicKey: this.system.getPublicKey(), jwt: systemJwt },
        ],
      },
    });
  }

  /**
   * The route user and password of a cluster's nodes: the same on every node that holds these
   * keys, and nothing a client's credentials tell (an HMAC of the operator's seed).
   */
  routeAuth(): RouteAuth {
    const password = createHmac('sha256', this.operator.getSeed()).update('berth nats cluster route v1').digest('base64url');
    return { user: 'berth-route', password };
  }

  /**
   * A controller's own user, `berth-controller-ID`: no limits within the BERTH account, and a name
   * that tells the controllers sharing a state apart in the server's connection list (connz).
   * Without an id (the one-off commands) the user is plain `berth-controller`.
   */
  async controllerCreds(controllerId?: string): Promise<string> {
    if (controllerId === undefined) return this.userCreds('berth-controller', {});
    if (!CONTROLLER_ID.test(controllerId))
      throw new BerthError('INVALID_CONFIG', `--controller-id: "${controllerId.slice(0, 80)}" must be 1 to 63 letters, digits, '.', '_' or '-'`);
    return this.userCreds(`berth-controller-${controllerId}`, {});
  }

  async agentCredentials(agentId: string): Promise<AgentNatsCredentials> {
    return { creds: await this.userCreds(`berth-agent-${agentId}`, agentNatsPermissions(agentId)), inboxPrefix: agentInboxPrefix(agentId) };
  }

  private async userCreds(name: string, permissions: object): Promise<string> {
    const user = createUser();
    const jwt = await encodeUser(name, user, this.account, permissions);
    return text.decode(fmtCreds(jwt, user));
  }
}

/** The controller's NATS authorization, or null when nats-config was never run for this data dir. */
export async function loadNatsAuth(dataDir: string): Promise<NatsAuth | null> {
  const path = natsAuthPath(dataDir);
  const raw = await readFile(path, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new BerthError('INVALID_CONFIG', `cannot read ${path}: ${errorMessage(err)}`);
  });
  if (raw === null) return null;
  const parsed = KeysSchema.safeParse(
    (() => {
      try {
        return JSON.parse(raw) as unknown;
      } catch {
        return null;
      }
    })(),
  );
  if (!parsed.success)
    throw new BerthError(
      'INVALID_CONFIG',
      `${path} is not Berth's NATS key file; restore it from a backup (a new one means a new nats-server configuration and every agent joining again)`,
    );
  return new NatsAuth(parsed.data);
}

/** Loads the keys, making them at the first call. */
export async function ensureNatsAuth(dataDir: string): Promise<{ auth: NatsAuth; created: boolean }> {
  const existing = await loadNatsAuth(dataDir);
  if (existing) return { auth: existing, created: false };
  const seed = (pair: KeyPair) => text.decode(pair.getSeed());
  const keys: Keys = { operatorSeed: seed(createOperator()), accountSeed: seed(createAccount()), systemAccountSeed: seed(createAccount()) };
  await writeSecretFile(natsAuthPath(dataDir), `${JSON.stringify(keys, null, 2)}\n`);
  return { auth: new NatsAuth(keys), created: true };
}
