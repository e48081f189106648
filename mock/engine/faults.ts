import type { ServerResponse } from 'node:http';
import { send } from '../http/responses';
import type { Fault } from './scenarios';

/**
 * Breaks the exchange the way a flaky network or server does:
 * - `connection-reset`: the connection is reset (TCP RST) before any byte of an answer;
 * - `empty-response`: the connection is closed cleanly with no answer at all;
 * - `malformed-body`: a complete HTTP answer whose JSON body is cut off halfway.
 */
export function applyFault(
  fault: Fault,
  res: ServerResponse,
  malformed: { status: number; contentType: string; json: string },
): void {
  const socket = res.socket;
  switch (fault) {
    case 'connection-reset':
      socket?.resetAndDestroy();
      return;
    case 'empty-response':
      socket?.end();
      return;
    case 'malformed-body': {
      const text = malformed.json.slice(0, Math.max(1, Math.floor(malformed.json.length / 2)));
      send(res, malformed.status, malformed.contentType, text);
      return;
    }
  }
}
