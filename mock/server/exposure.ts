import { isLoopback } from '../http/host-check';
import type { MockConfig } from './config';

/**
 * The warning printed at start when anyone on the network can drive the mock: it listens beyond
 * loopback and its admin API (reset, scenarios, the journal, the outbox) needs no token.
 */
export function exposureWarning(config: Pick<MockConfig, 'host' | 'adminToken'>): string | undefined {
  if (isLoopback(config.host) || config.adminToken !== undefined) return undefined;
  return (
    `warning: listening on ${config.host} without --admin-token: anyone who can reach this address can ` +
    'reset state, add scenarios and read the journal and outbox. Set NEXUS_MOCK_ADMIN_TOKEN (or --admin-token).'
  );
}
