/**
 * Which agents may report: a new agent exchanges a join token (berth agents join-token) once for
 * its own secret (Join), and every report stream it opens carries that secret. Only hashes are
 * stored. Removing an agent (berth agents remove) revokes its secret: its next stream is refused.
 * When the controller's NATS has authorization (berth controller nats-config), Join also hands the
 * agent NATS credentials limited to its own subjects.
 */
import type * as grpc from '@grpc/grpc-js';
import { BerthError, errorMessage } from '../../shared/errors.js';
import { assertAgentId, newToken } from '../../shared/ids.js';
import type { Logger } from '../../shared/logger.js';
import type { Store } from '../state/store.js';
import { bearerToken, hashToken } from '../api/auth.js';
import { fixedLengthEqual } from '../core/hook-signature.js';

export const DEFAULT_JOIN_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** NATS credentials for one agent: a .creds file's text and the inbox prefix it may use. */
export interface AgentNatsCredentials {
  creds: string;
  inboxPrefix: string;
}

/** Mints NATS users limited to one agent's subjects (controller/adapters/nats-auth.ts). */
export interface NatsUserIssuer {
  agentCredentials(agentId: string): Promise<AgentNatsCredentials>;
}

export interface JoinResult {
  agentId: string;
  secret: string;
  nats: AgentNatsCredentials | null;
}

export class AgentEnrolment {
  /** Ids with a join under way: a second join of the same id waits for neither and is refused. */
  private readonly joining = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly log: Logger,
    /** Whether an agent has a report stream open now: its id cannot be taken by another join. */
    private readonly isConnected: (agentId: string) => boolean,
    private readonly natsUsers: NatsUserIssuer | null = null,
    /** Makes the agent's task consumer, which an agent under NATS authorization cannot make. */
    private readonly prepareTasks: (agentId: string) => Promise<void> = async () => undefined,
  ) {}

  createJoinToken(ttlMs: number, now = Date.now()): { token: string; expiresAtMs: number } {
    if (!Number.isFinite(ttlMs) || ttlMs < 60_000 || ttlMs > 365 * DEFAULT_JOIN_TOKEN_TTL_MS) {
      throw new BerthError('INVALID_ARGUMENT', 'ttl: a join token lives between 1 minute and 365 days');
    }
    const token = newToken();
    const expiresAtMs = now + ttlMs;
    this.store.update((s) => {
      // Expired tokens are of no use to anyone: dropped whenever a new one is made.
      s.joinTokens = s.joinTokens.filter((t) => t.expiresAtMs > now);
      s.joinTokens.push({ hash: hashToken(token), createdAtMs: now, expiresAtMs });
    });
    this.log.info({ expiresAtMs }, 'join token created');
    return { token, expiresAtMs };
  }

  /** A new agent's (or a re-installed host's) join: its secret, and NATS credentials when NATS has authorization. */
  async join(request: { agentId: string; joinToken: string; hostname: string }, now = Date.now()): Promise<JoinResult> {
    const agentId = assertAgentId(request.agentId);
    const hash = hashToken(request.joinToken);
    const valid = this.store.data.joinTokens.some((t) => fixedLengthEqual(hash, t.hash) && t.expiresAtMs > now);
    if (!valid) {
      this.log.warn({ agentId, hostname: request.hostname }, 'join refused: the join token is not valid');
      throw new BerthError(
        'UNAUTHENTICATED',
        'the join token is not valid here (expired, or made by another controller): make a new one with berth agents join-token',
      );
    }
    if (this.isConnected(agentId) || this.joining.has(agentId)) {
      this.log.warn({ agentId, hostname: request.hostname }, 'join refused: an agent with this id is connected or joining');
      throw new BerthError(
        'FAILED_PRECONDITION',
        `agent ${agentId} is connected now; another host cannot take its id: give this one another --id, or stop ${agentId} and berth agents remove ${agentId} first`,
      );
    }
    this.joining.add(agentId);
    try {
      const nats = this.natsUsers ? await this.natsUsers.agentCredentials(agentId) : null;
      await this.prepareTasks(agentId).catch((err: unknown) => {
        throw new BerthError('NATS_UNAVAILABLE', `cannot prepare the task queue of agent ${agentId} in NATS: ${errorMessage(err)}`);
      });
      const secret = newToken();
      const rejoined = this.store.data.agentCredentials[agentId] !== undefined;
      this.store.update((s) => {
        s.agentCredentials[agentId] = { hash: hashToken(secret), createdAtMs: now, hostname: request.hostname };
      });
      this.log.info({ agentId, hostname: request.hostname, rejoined, nats: nats !== null }, 'agent enrolled');
      return { agentId, secret, nats };
    } finally {
      this.joining.delete(agentId);
    }
  }

  /** Throws UNAUTHENTICATED unless the metadata carries this agent's secret. */
  authenticate(agentId: string, metadata: grpc.Metadata): void {
    const secret = bearerToken(metadata.get('authorization')[0]);
    const record = this.store.data.agentCredentials[agentId];
    if (!record || secret === null || !fixedLengthEqual(hashToken(secret), record.hash)) {
      const why = !record
        ? 'is not enrolled here (never joined, or removed)'
        : secret === null
          ? 'sent no credential'
          : 'sent a credential that is not its own';
      throw new BerthError(
        'UNAUTHENTICATED',
        `agent ${agentId} ${why}: start it with --join-token TOKEN from berth agents join-token (after deleting its credentials.json if it has one)`,
      );
    }
  }

  /** Forgets the agent's credential: any stream it opens from now on is refused. */
  revoke(agentId: string): boolean {
    if (!this.store.data.agentCredentials[agentId]) return false;
    this.store.update((s) => {
      delete s.agentCredentials[agentId];
    });
    this.log.info({ agentId }, 'agent credential revoked');
    return true;
  }
}
