/**
 * One health probe of an instance over the network: a TCP connection that stays open, or an
 * HTTP GET answered with 2xx/3xx. The prober in runner/ decides when to probe and what it means.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import type { HealthCheck } from '../../shared/task.js';

export interface ProbeTarget {
  host: string;
  port: number;
}

export function probeOnce(target: ProbeTarget, check: HealthCheck): Promise<boolean> {
  if (check.type === 'http') return probeHttp(target, check.path ?? '/', check.timeoutMs);
  if (check.type === 'tcp') return probeTcp(target, check.timeoutMs);
  return Promise.resolve(true);
}

/**
 * Docker's userland proxy accepts every connection on a published port and closes it at once when
 * nothing listens inside the container, so "connected" alone proves nothing. A connection that
 * stays open for a short window, or on which the server speaks first, counts as listening.
 */
export const TCP_SETTLE_MS = 250;

function probeTcp(target: ProbeTarget, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: target.host, port: target.port });
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(settle);
      socket.destroy();
      resolve(ok);
    };
    let settle: NodeJS.Timeout | undefined;
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => {
      settle = setTimeout(() => done(true), Math.min(TCP_SETTLE_MS, timeoutMs));
    });
    socket.once('data', () => done(true));
    socket.once('end', () => done(false));
    socket.once('close', () => done(false));
    socket.once('error', () => done(false));
  });
}

function probeHttp(target: ProbeTarget, path: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request(
      { host: target.host, port: target.port, path, method: 'GET', timeout: timeoutMs, headers: { 'user-agent': 'berth-agent-health' } },
      (res) => {
        res.resume();
        const status = res.statusCode ?? 0;
        resolve(status >= 200 && status < 400);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(false));
    req.end();
  });
}
