import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { announcesBody } from './read-body';

/**
 * How much the mock reads, and for how long, after an answer sent before the request's body has
 * arrived: what nginx calls lingering_close (its lingering_time and lingering_timeout), sized for a
 * mock whose clients are tests and apps in development. Whichever limit comes first ends it.
 */
export interface LingerLimits {
  readonly bytes: number;
  readonly ms: number;
}

export const LINGER: LingerLimits = { bytes: 1024 * 1024, ms: 2000 };

/** The sockets `lingeringClose` is closing, each with the check to run when more bytes arrive. */
const closing = new WeakMap<Socket, () => void>();

/**
 * Closes a connection without losing the answer just written to it. Destroying a socket while its
 * client is still sending makes the kernel answer the unread bytes with a reset (RST), and a client
 * still writing its request then fails with ECONNRESET or EPIPE, often before it has read the answer
 * (the "TCP reset problem" of RFC 9112 section 9.6). So: half-close (a FIN after the answer), keep
 * reading and discarding what arrives, and let the socket close once the client closes its side;
 * destroy it after `limits.bytes` more bytes or `limits.ms`, whichever comes first.
 *
 * Calling it again for a socket it is closing (because more bytes arrived) only checks the byte limit.
 */
export function lingeringClose(socket: Socket, limits: LingerLimits = LINGER): void {
  const check = closing.get(socket);
  if (check) {
    check();
    return;
  }
  if (socket.destroyed) return;
  const destroy = (): void => {
    socket.destroy();
  };
  const stopAt = socket.bytesRead + limits.bytes;
  const timer = setTimeout(destroy, limits.ms);
  closing.set(socket, () => {
    if (socket.bytesRead > stopAt) destroy();
  });
  // With both sides ended the socket closes by itself (net.Socket's autoDestroy), once the answer is out.
  socket.once('close', () => {
    clearTimeout(timer);
  });
  socket.end();
  socket.resume();
}

/**
 * For every request: makes an answer sent before the request's body has arrived (a 401, a 413, a
 * 415 ...) safe for a client still sending it, and bounds what the mock reads of that body.
 *
 * - A request announcing a body longer than `limits.bytes` (more than any route of the mock accepts)
 *   is answered with `Connection: close`: reading it all to keep the connection would cost more
 *   than a new one, and a client that sees it should stop sending (RFC 9112 section 9.6).
 * - An answer that closes the connection ends with `lingeringClose` rather than Node's own close,
 *   which destroys the socket as soon as its FIN is out.
 * - After an answer that keeps the connection, Node reads and drops the rest of the body; the rest
 *   is counted, and the connection closed (with `lingeringClose`) beyond `limits`.
 */
export function discardUnreadBody(
  req: IncomingMessage,
  res: ServerResponse,
  limits: LingerLimits = LINGER,
): void {
  if (!announcesBody(req)) return;
  if (Number(req.headers['content-length']) > limits.bytes) res.setHeader('Connection', 'close');
  const socket = req.socket;
  let discarding = false;
  // Runs before Node's own listener, which would drop the rest of the body unseen (or leave it
  // unread, when the app paused the request): counting it here is what bounds it.
  res.prependListener('finish', () => {
    if (req.complete || socket.destroyed) return;
    discarding = true;
    const stopAt = socket.bytesRead + limits.bytes;
    const timer = setTimeout(() => {
      lingeringClose(socket, limits);
    }, limits.ms);
    const onData = (): void => {
      if (socket.writableEnded || socket.bytesRead > stopAt) lingeringClose(socket, limits);
    };
    // A keep-alive socket serves many requests: what one request adds to it, it removes.
    const done = (): void => {
      clearTimeout(timer);
      socket.off('close', done);
    };
    req.on('data', onData).once('end', done).resume();
    socket.once('close', done);
  });
  // Runs after Node's own listener, which ends the socket when the answer closes the connection and
  // destroys it once the FIN is out (net.Socket#destroySoon): that destroy is what resets a client
  // still sending, and the lingering close replaces it.
  res.once('finish', () => {
    if (!discarding || socket.destroyed || !socket.writableEnded) return;
    // eslint-disable-next-line @typescript-eslint/unbound-method -- the very listener destroySoon added
    socket.removeListener('finish', socket.destroy);
    lingeringClose(socket, limits);
  });
}
