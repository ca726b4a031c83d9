import { BerthError } from './errors.js';

export interface HostPort {
  host: string;
  port: number;
}

/** Parses "host:port", "[::1]:port" or ":port" (all interfaces); port 0 asks the OS for a free one. */
export function parseHostPort(text: string, field: string): HostPort {
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[3]) : NaN;
  if (!match || port > 65535) {
    throw new BerthError('INVALID_CONFIG', `${field}: "${text}" is not host:port (for example 127.0.0.1:7443)`, { field });
  }
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
