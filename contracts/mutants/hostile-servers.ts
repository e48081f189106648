import net from 'node:net';
import zlib from 'node:zlib';
import { listenOnLoopback, type LoopbackServer } from '../../support/loopback';

/**
 * Deployments that hold a contract run hostage (issue 18): each answers every request in one
 * hostile way, on a raw socket of 127.0.0.1 so nothing in node:http smooths it over. The suite
 * must end against each within its limits, in bounded memory, failing and naming the limit.
 * Writers respect backpressure, so the servers cost little themselves.
 */
export const HOSTILE_KINDS = [
  'never-answers',
  'headers-byte-at-a-time',
  'body-byte-every-2s',
  'endless-json',
  'gzip-bomb',
  'body-300mb',
  'body-190mb',
  'body-5mb',
  'garbage',
  'reset-midway',
  'short-body',
] as const;

export type HostileKind = (typeof HOSTILE_KINDS)[number];

const MB = 1024 * 1024;

export async function startHostileServer(kind: HostileKind): Promise<LoopbackServer> {
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const every = (ms: number, tick: () => void): void => {
    timers.add(setInterval(tick, ms));
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let head = '';
    const onData = (chunk: Buffer): void => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      // The request's body, if any, is read and dropped.
      socket.resume();
      answer(kind, socket, every);
    };
    socket.on('data', onData);
  });
  return listenOnLoopback(server, () => {
    for (const timer of timers) clearInterval(timer);
    for (const socket of sockets) socket.destroy();
  });
}

function answer(kind: HostileKind, socket: net.Socket, every: (ms: number, tick: () => void) => void): void {
  const headers = (extra: string): string =>
    `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n${extra}\r\n`;
  switch (kind) {
    case 'never-answers':
      return;
    case 'headers-byte-at-a-time': {
      const text = headers('').replace(/\r\n$/, `X-Padding: ${'p'.repeat(1_000_000)}\r\n\r\n`);
      let at = 0;
      every(200, () => {
        if (at < text.length && !socket.destroyed) socket.write(text[at++] ?? '');
      });
      return;
    }
    case 'body-byte-every-2s': {
      socket.write(headers('Content-Length: 100000\r\n'));
      every(2000, () => {
        if (!socket.destroyed) socket.write('0');
      });
      return;
    }
    case 'endless-json': {
      socket.write(headers('Transfer-Encoding: chunked\r\n'));
      const piece = Buffer.from('0,'.repeat(32 * 1024));
      const chunk = Buffer.concat([
        Buffer.from(`${piece.length.toString(16)}\r\n`),
        piece,
        Buffer.from('\r\n'),
      ]);
      socket.write('1\r\n[\r\n');
      pump(socket, () => chunk);
      return;
    }
    case 'gzip-bomb': {
      // About 1 GB of zeros, compressed as it goes (about 1 MB on the wire).
      socket.write(headers('Content-Encoding: gzip\r\n'));
      const gzip = zlib.createGzip({ level: 9 });
      gzip.on('error', () => undefined);
      gzip.pipe(socket);
      const zeros = Buffer.alloc(64 * 1024);
      let left = 1024 * MB;
      pump(gzip, () => {
        if (left <= 0) return undefined;
        left -= zeros.length;
        return zeros;
      });
      return;
    }
    case 'body-300mb':
    case 'body-190mb':
    case 'body-5mb': {
      const size = (kind === 'body-300mb' ? 300 : kind === 'body-190mb' ? 190 : 5) * MB;
      // A JSON object whose one member is `size` bytes long: it parses, and fails every schema.
      const open = '{"padding":"';
      const close = '"}';
      socket.write(headers(`Content-Length: ${size}\r\n`));
      socket.write(open);
      const fill = Buffer.alloc(64 * 1024, 'x');
      let left = size - open.length - close.length;
      pump(socket, () => {
        if (left <= 0) return undefined;
        const next = fill.subarray(0, Math.min(fill.length, left));
        left -= next.length;
        return left <= 0 ? Buffer.concat([next, Buffer.from(close)]) : next;
      });
      return;
    }
    case 'garbage':
      socket.end('this is not HTTP at all\r\n\r\n');
      return;
    case 'reset-midway':
      socket.write(headers('Content-Length: 1000\r\n'));
      socket.write('{"ticketId":');
      socket.resetAndDestroy();
      return;
    case 'short-body':
      socket.write(headers('Content-Length: 1000\r\n'));
      socket.end('{"ticketId":1}');
      return;
  }
}

/** Writes what `next` gives until it gives nothing or the peer goes, waiting whenever the socket is full. */
function pump(out: NodeJS.WritableStream & { destroyed: boolean }, next: () => Buffer | undefined): void {
  const write = (): void => {
    for (;;) {
      if (out.destroyed) return;
      const chunk = next();
      if (chunk === undefined) {
        out.end();
        return;
      }
      if (!out.write(chunk)) {
        out.once('drain', write);
        return;
      }
    }
  };
  write();
}
