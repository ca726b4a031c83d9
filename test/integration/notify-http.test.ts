/** The notification sender against a real HTTP server on loopback. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { postJson, splitCredentials } from '../../controller/adapters/notify-http.js';

describe('postJson', () => {
  it('sends the password of a URL as Basic authorization, not in the URL (fetch refuses those)', async () => {
    const seen: Array<{ url: string | undefined; authorization: string | undefined }> = [];
    const server = createServer((req, res) => {
      seen.push({ url: req.url, authorization: req.headers.authorization });
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const port = (server.address() as AddressInfo).port;
      const result = await postJson(`http://berth:s%40cret@127.0.0.1:${port}/hook?x=1`, '{}', {}, 5000);
      expect(result).toEqual({ ok: true, detail: 'HTTP 204' });
      expect(seen).toEqual([{ url: '/hook?x=1', authorization: `Basic ${Buffer.from('berth:s@cret').toString('base64')}` }]);
    } finally {
      server.close();
    }
  });

  it.each([
    ['https://hooks.example.com/x', { url: 'https://hooks.example.com/x', authorization: null }],
    ['https://user:pw@hooks.example.com/x', { url: 'https://hooks.example.com/x', authorization: `Basic ${Buffer.from('user:pw').toString('base64')}` }],
    ['https://token@hooks.example.com/x', { url: 'https://hooks.example.com/x', authorization: `Basic ${Buffer.from('token:').toString('base64')}` }],
  ])('splitCredentials(%s)', (url, expected) => {
    expect(splitCredentials(url)).toEqual(expected);
  });
});
