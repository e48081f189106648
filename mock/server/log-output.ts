import pino from 'pino';
import type { LogFormat, LogLevel } from './config';
import type { Logger } from '../logger';
import { batchLines } from './line-batch';

export interface LogOutput extends Logger {
  /** Writes out anything buffered; called before the process exits. */
  flush(): void;
}

const LEVELS: Readonly<Record<LogLevel, number>> = { info: 30, warn: 40, error: 50, silent: Infinity };

/** The server's log: pino JSON lines (buffered, asynchronous) or one short human line per request. */
export function createLogOutput(level: LogLevel, format: LogFormat, fd = 1): LogOutput {
  if (format === 'json') {
    // Batched here (see batchLines), so sonic-boom writes each batch as it comes.
    const destination = pino.destination({ dest: fd, sync: false });
    const batch = batchLines(destination, 4096);
    const logger = pino({ level, base: undefined, timestamp: isoTimeByMillisecond() }, batch);
    return {
      info: (fields, message) => {
        logger.info(fields, message);
      },
      warn: (fields, message) => {
        logger.warn(fields, message);
      },
      error: (fields, message) => {
        logger.error(fields, message);
      },
      flush: () => {
        batch.flush();
        destination.flushSync();
      },
    };
  }
  const write = (at: number, label: string, fields: object, message: string): void => {
    if (at < LEVELS[level]) return;
    const time = new Date().toISOString().slice(11, 23);
    process.stdout.write(`${time} ${label} ${prettyLine(fields, message)}\n`);
  };
  return {
    info: (fields, message) => {
      write(30, 'INFO ', fields, message);
    },
    warn: (fields, message) => {
      write(40, 'WARN ', fields, message);
    },
    error: (fields, message) => {
      write(50, 'ERROR', fields, message);
    },
    flush: () => undefined,
  };
}

/**
 * pino's `isoTime`, formatted once per millisecond: at thousands of lines a second most lines share
 * their millisecond, and `toISOString` was a tenth of the logging's cost.
 */
function isoTimeByMillisecond(): () => string {
  let last = NaN;
  let time = '';
  return () => {
    const now = Date.now();
    if (now !== last) {
      last = now;
      time = `,"time":"${new Date(now).toISOString()}"`;
    }
    return time;
  };
}

/** `POST /v1/me/mfa-enrollment 200 1.3ms user=alice decision=ticket:created`, or the message and its fields. */
function prettyLine(fields: object, message: string): string {
  const f = fields as Record<string, unknown>;
  if (message === 'request') {
    const parts = [f.method, f.url, f.status ?? 'aborted', `${String(f.durationMs)}ms`];
    if (f.session !== 'default') parts.push(`session=${String(f.session)}`);
    if (typeof f.userId === 'string') parts.push(`user=${f.userId}`);
    if (typeof f.decision === 'string') parts.push(`decision=${f.decision}`);
    return parts.map(String).join(' ');
  }
  const err = f.err instanceof Error ? `\n${f.err.stack ?? f.err.message}` : '';
  const rest = Object.entries(f).filter(([key]) => key !== 'err');
  return `${message}${rest.length > 0 ? ` ${JSON.stringify(Object.fromEntries(rest))}` : ''}${err}`;
}
