import http, { STATUS_CODES } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createApp } from '../app';
import type { MockConfig } from './config';
import { DEFAULT_LIMITS, type MemoryStoreLimits } from '../state/memory-store';
import type { Served } from '../served';
import type { Logger } from '../logger';
import { lingeringClose } from '../http/lingering-close';
import { PROBLEM_CONTENT_TYPE, problem, statusProblem, type ProblemCode } from '../http/problems';
import { openStore, type OpenedStore } from './open-store';

export interface RunningServer {
  /** `http://127.0.0.1:4010`: where the mock listens. */
  readonly url: string;
  /** Stops accepting connections, lets in-flight requests finish (up to the shutdown timeout), then resolves. */
  close(): Promise<void>;
  /** What it serves: the document's title and version, its operations, the warnings of its loading. */
  readonly served: Served;
}

/** Errors of the HTTP parser (bad request line, oversized headers, timeouts), by Node's error code. */
const CLIENT_ERRORS: Readonly<Record<string, ProblemCode>> = {
  HPE_HEADER_OVERFLOW: 'header-fields-too-large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request-timeout',
};

/** Builds the app from the configuration and listens. The only place (with `cli.ts`) that touches the network. */
export async function startServer(config: MockConfig, logger: Logger): Promise<RunningServer> {
  const limits = {
    maxTickets: config.maxTickets,
    maxUsers: config.maxUsers,
    maxEmailsPerSession: config.maxEmails,
    maxSessions: config.maxSessions,
    journalSize: config.journalSize,
    maxScenariosPerSession: DEFAULT_LIMITS.maxScenariosPerSession,
  };
  const opened = await openStore(
    config.store,
    { limits, ticketTtlMs: config.ticketTtl, sessionTtlMs: config.sessionTtl },
    logger,
  );
  try {
    return await listen(config, logger, opened, limits);
  } catch (error) {
    await opened.close();
    throw error;
  }
}

async function listen(
  config: MockConfig,
  logger: Logger,
  opened: OpenedStore,
  limits: MemoryStoreLimits,
): Promise<RunningServer> {
  // Aborted on close: the console's event streams end, so they do not hold the shutdown until its deadline.
  const stopping = new AbortController();
  const app = createApp({
    // A path: createApp loads and checks it before anything listens, and a document the mock cannot
    // serve throws a one-line SpecError (spec/load.ts) that cli.ts prints.
    spec: config.spec,
    seed: config.seed,
    ticketTtlMs: config.ticketTtl,
    store: opened.store,
    limits,
    latency: config.latency,
    scenarioCatalog: config.scenarios,
    publicUrl: config.publicUrl,
    corsOrigin: config.corsOrigin,
    listenHost: config.host,
    allowedHosts: config.allowedHosts,
    adminToken: config.adminToken,
    logger,
    signal: stopping.signal,
  });
  const server = http.createServer(
    {
      maxHeaderSize: config.maxHeaderSize,
      headersTimeout: config.headersTimeout,
      requestTimeout: config.requestTimeout,
      keepAliveTimeout: config.keepAliveTimeout,
      // How often Node checks headersTimeout/requestTimeout: often enough to cut a slow client on time.
      connectionsCheckingInterval: Math.max(100, Math.min(1000, Math.floor(config.headersTimeout / 4))),
    },
    (req, res) => {
      // While shutting down, each answer closes its connection so keep-alive clients let go. Set
      // before the app runs: many answers are written before the app yields.
      if (closing) res.setHeader('Connection', 'close');
      app(req, res);
    },
  );
  let closing: Promise<void> | undefined;
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    answerClientError(error, socket);
  });
  // Node answers an Expect it does not know with a bare 417; the kit's contract is problem+json.
  server.on('checkExpectation', (req: http.IncomingMessage, res: http.ServerResponse) => {
    const body = JSON.stringify(
      statusProblem(417, {
        detail: `Only Expect: 100-continue is supported, not '${String(req.headers.expect).slice(0, 100)}'.`,
        code: 'expectation-failed',
      }),
    );
    res
      .writeHead(417, {
        'Content-Type': PROBLEM_CONTENT_TYPE,
        'Content-Length': Buffer.byteLength(body),
        Connection: 'close',
      })
      .end(body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const url = `http://${address.includes(':') ? `[${address}]` : address}:${port}`;
  logger.info({ url, seed: config.seed ?? null, store: opened.description }, 'listening');

  return {
    url,
    served: app.served,
    close: () => {
      stopping.abort();
      return (closing ??= shutdown(server, config.shutdownTimeout).then(() => opened.close()));
    },
  };
}

function shutdown(server: http.Server, graceMs: number): Promise<void> {
  return new Promise((resolve) => {
    const idle = setInterval(() => {
      server.closeIdleConnections();
    }, 50);
    const deadline = setTimeout(() => {
      server.closeAllConnections();
    }, graceMs);
    server.close(() => {
      clearInterval(idle);
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Node answers parser errors with a bare status line, or not at all; the kit answers them with
 * problem details too, then closes the connection (the stream cannot be trusted after a parse error)
 * with a lingering close, so a client still sending reads the answer rather than a reset.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (socket.writableEnded && !socket.destroyed) {
    // The parser reports every later chunk of a connection it gave up on (or one an answer closed)
    // as an error too: bytes to discard while the connection closes.
    lingeringClose(socket);
    return;
  }
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const code = CLIENT_ERRORS[error.code ?? ''] ?? 'malformed-request';
  const body = JSON.stringify(problem(code, { detail: clientErrorDetail(error) }));
  const { status } = problem(code, { detail: '' });
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
  lingeringClose(socket);
}

function clientErrorDetail(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return 'The request line and headers are larger than the mock accepts (--max-header-size).';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'The request did not arrive in time (--headers-timeout, --request-timeout).';
    default:
      return `The request could not be parsed as HTTP/1.1 (${error.code ?? 'parse error'}).`;
  }
}
