/**
 * One GET to a reverse proxy's entry point on 127.0.0.1 with a Host header, the way a client of a
 * routed app reaches it: what the quickstart checks its app with and the tests ask Traefik with.
 */
import { request as httpRequest, type Agent } from 'node:http';

export interface HostAnswer {
  status: number;
  body: string;
}

/** `agent`: false (the default) for a fresh connection, or a keep-alive Agent. */
export function getByHost(o: { port: number; host: string; path?: string; timeoutMs?: number; agent?: Agent | false }): Promise<HostAnswer> {
  const { port, host, path = '/', timeoutMs = 5000, agent = false } = o;
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers: { host }, agent, timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer for ${host}${path} within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}
