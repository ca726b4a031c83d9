import { randomBytes, randomUUID } from 'node:crypto';
import { BerthError } from './errors.js';

/**
 * Agent ids become NATS subject tokens and JetStream durable names, which forbid ".", "*", ">"
 * and white space; so ids are restricted to letters, digits, "-" and "_".
 */
const AGENT_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

export function isValidAgentId(id: string): boolean {
  return AGENT_ID.test(id);
}

export function assertAgentId(id: string): string {
  if (!isValidAgentId(id)) {
    throw new BerthError('INVALID_ARGUMENT', `agent id "${id}" is invalid: use 1-63 letters, digits, "-" or "_", starting with a letter or digit`, {
      field: 'id',
    });
  }
  return id;
}

/** A host name made into a valid agent id ("web-1.eu.example.com" → "web-1-eu-example-com"). */
export function agentIdFromHostname(hostname: string): string {
  const id = hostname
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^[-_]+/, '')
    .slice(0, 63);
  return id || 'agent';
}

export function newTaskId(): string {
  return randomUUID();
}

export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** A redeployment hook URL's token: 32 random bytes, URL-safe. */
export function newHookToken(): string {
  return newToken(32);
}
