import { Duplex } from 'node:stream';

/**
 * One end of a connection held in memory: what one end writes, the other reads. Node's HTTP server
 * takes any Duplex as a connection (`server.emit('connection', duplex)`, documented for exactly
 * this), so the mock's own request listener can answer a request that never touches a socket.
 *
 * It offers the few `net.Socket` members the mock and Node's server use: `bytesRead`, the addresses,
 * and `resetAndDestroy()` (the `connection-reset` fault), which the other end sees as ECONNRESET.
 */
export class ConnectionEnd extends Duplex {
  private peer: ConnectionEnd | undefined;
  /** Whether the other end has ended (or reset) the data this end reads. */
  private ended = false;
  bytesRead = 0;
  readonly remoteAddress = '127.0.0.1';
  readonly localAddress = '127.0.0.1';

  constructor(readonly localPort: number) {
    super();
  }

  /** Joins two ends. */
  static pair(port: number): [client: ConnectionEnd, server: ConnectionEnd] {
    const client = new ConnectionEnd(port);
    const server = new ConnectionEnd(port);
    client.peer = server;
    server.peer = client;
    return [client, server];
  }

  override _read(): void {
    // Data is pushed by the other end's writes.
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.peer?.receive(chunk);
    callback();
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.peer?.receive(null);
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    // A close without an end first still reaches the other end as a clean end of data, as a FIN does.
    if (!this.writableFinished) this.peer?.receive(null);
    callback(error);
  }

  /** Like `net.Socket#resetAndDestroy`: the other end fails with ECONNRESET, as after a TCP RST. */
  resetAndDestroy(): this {
    const peer = this.peer;
    this.peer = undefined;
    this.destroy();
    if (peer && !peer.destroyed && !peer.ended) {
      peer.ended = true;
      peer.destroy(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }));
    }
    return this;
  }

  /** What the other end wrote (`null`: it ended). Nothing arrives after the end. */
  private receive(chunk: Buffer | null): void {
    if (this.ended || this.destroyed) return;
    if (chunk === null) {
      this.ended = true;
      this.push(null);
      return;
    }
    this.bytesRead += chunk.length;
    this.push(chunk);
  }
}
