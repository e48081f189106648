import http from 'node:http';
import type { AddressInfo, Server } from 'node:net';

export interface LoopbackServer {
  readonly url: string;
  /** Closes every connection and the server. */
  close(): Promise<void>;
}

/** Serves a request listener on a free port of 127.0.0.1 (tests and in-process targets never listen wider). */
export async function serveOnLoopback(listener: http.RequestListener): Promise<LoopbackServer> {
  const server = http.createServer(listener);
  return listenOnLoopback(server, () => {
    server.closeAllConnections();
  });
}

/**
 * Listens with any server (HTTP, or raw TCP that plays a broken one) on a free port of 127.0.0.1;
 * `close` first ends what `closeConnections` names, then the server.
 */
export async function listenOnLoopback(
  server: Server,
  closeConnections: () => void,
): Promise<LoopbackServer> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        closeConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
