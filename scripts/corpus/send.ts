import http from 'node:http';
import type { Exchange } from '../../spec/conformance/checks';
import type { OutgoingRequest } from '../../contracts/inputs/call-input';

/** What became of one request: an answer, or no answer within the time (a hang), or a broken connection. */
export type Sent =
  | { readonly kind: 'answered'; readonly exchange: Exchange }
  | { readonly kind: 'hang' }
  | { readonly kind: 'failed'; readonly reason: string };

/** Bodies past this are cut: the checks need the start of an answer, and a runaway one must not fill memory. */
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Sends one request on its own connection and reads the whole answer, within `timeoutMs` from
 * sending to the last byte (an event stream that never ends is a hang too).
 */
export function send(baseUrl: string, outgoing: OutgoingRequest, timeoutMs: number): Promise<Sent> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (sent: Sent): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(sent);
    };
    const req = http.request(
      `${baseUrl}${outgoing.url}`,
      { method: outgoing.method, agent: false, headers: outgoing.headers },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= MAX_BODY_BYTES) chunks.push(chunk);
        });
        res.on('end', () => {
          settle({
            kind: 'answered',
            exchange: {
              method: outgoing.method,
              url: outgoing.url,
              status: res.statusCode ?? 0,
              headers: res.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            },
          });
        });
        res.on('error', (error) => {
          settle({ kind: 'failed', reason: error.message });
        });
      },
    );
    const timer = setTimeout(() => {
      settle({ kind: 'hang' });
      req.destroy();
    }, timeoutMs);
    req.on('error', (error) => {
      settle({ kind: 'failed', reason: error.message });
    });
    req.end(outgoing.body);
  });
}
