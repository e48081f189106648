import type { ServerResponse } from 'node:http';
import { send } from '../http/responses';
import type { Fault } from '../state/scenarios';

/**
 * Breaks the exchange the way a flaky network or server does:
 * - `connection-reset`: the connection is reset (TCP RST) before any byte of an answer;
 * - `empty-response`: the connection is closed cleanly with no answer at all;
 * - `malformed-body`: a complete HTTP answer whose body is cut off halfway.
 */
export function applyFault(
  fault: Fault,
  res: ServerResponse,
  malformed: { status: number; mediaType: string | undefined; text: string },
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
      // A body the document gives no content still gets a half of something to choke on.
      const whole = malformed.text === '' ? '{"truncated":' : malformed.text;
      const text = whole.slice(0, Math.max(1, Math.floor(whole.length / 2)));
      send(res, malformed.status, `${malformed.mediaType ?? 'application/json'}; charset=utf-8`, text);
      return;
    }
  }
}
