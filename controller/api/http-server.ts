/** The controller's HTTP server: GET /healthz now; the redeployment hooks join it later. */
import { createServer, type Server } from 'node:http';
import type { Logger } from '../../shared/logger.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  version: string;
  nats: 'connected' | 'disconnected';
  store: 'ok' | 'failing';
  agents: { ready: number; down: number; draining: number; total: number; connected: number };
}

export async function startHttpServer(address: { host: string; port: number }, healthReport: () => HealthReport, log: Logger): Promise<Server> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://controller');
    if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      sendJson(res, 200, healthReport());
      return;
    }
    if (url.pathname === '/healthz') {
      res.setHeader('allow', 'GET, HEAD');
      sendJson(res, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: `${req.method} is not allowed on /healthz` } });
      return;
    }
    sendJson(res, 404, { error: { code: 'NOT_FOUND', message: `no route for ${req.method} ${url.pathname}` } });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(address.port, address.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  log.info({ address: server.address() }, 'HTTP server listening');
  return server;
}

function sendJson(res: import('node:http').ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
