/** The bench's floor: the same route on bare node:http, no framework at all. */
import { randomUUID } from 'node:crypto';
import http from 'node:http';

http
  .createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'POST' || url.pathname !== '/v1/me/mfa-enrollment') {
      res.writeHead(404).end();
      return;
    }
    if (req.headers.authorization === undefined) {
      res.writeHead(401, { 'Content-Type': 'application/problem+json' }).end('{"status":401}');
      return;
    }
    const interactive = url.searchParams.get('isInteractive') === 'true';
    const ticketId = randomUUID();
    const body = JSON.stringify({
      ticketId,
      emailSent: !interactive,
      ticketUrl: interactive ? `http://127.0.0.1/enrollment/${ticketId}` : null,
    });
    res
      .writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Length': Buffer.byteLength(body),
      })
      .end(body);
  })
  .listen(Number(process.argv[2]), '127.0.0.1');
