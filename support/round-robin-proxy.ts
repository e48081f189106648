import http from 'node:http';
import { serveOnLoopback, type LoopbackServer } from './loopback';

/**
 * A load balancer in miniature: each request goes to the next upstream in turn, method, target,
 * headers (Host included) and body as they came, and the answer comes back as it was sent. An
 * upstream that cannot be reached gets the client a 502 problem.
 */
export async function startRoundRobinProxy(
  upstreams: readonly string[],
): Promise<LoopbackServer & { readonly forwarded: readonly number[] }> {
  if (upstreams.length === 0) throw new Error('a proxy needs at least one upstream');
  const agent = new http.Agent({ keepAlive: true });
  const forwarded = upstreams.map(() => 0);
  let next = 0;
  const server = await serveOnLoopback((req, res) => {
    const index = next++ % upstreams.length;
    forwarded[index] = (forwarded[index] ?? 0) + 1;
    const upstream = new URL(upstreams[index] ?? '');
    const outgoing = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    outgoing.once('error', (error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const body = JSON.stringify({
        type: 'about:blank',
        title: 'Bad Gateway',
        status: 502,
        detail: error.message,
      });
      res.writeHead(502, { 'Content-Type': 'application/problem+json' }).end(body);
    });
    req.pipe(outgoing);
  });
  return {
    ...server,
    forwarded,
    close: async () => {
      agent.destroy();
      await server.close();
    },
  };
}
