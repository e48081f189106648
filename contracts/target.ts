import { createApp } from '../mock/app';
import type { SuiteConfig } from './config';
import { CredentialKit } from './credentials';
import { serveOnLoopback } from '../support/loopback';
import type { TargetTraits } from './traits';

/**
 * The one switch between targets: without NEXUS_BASE_URL the suite starts the mock in this process
 * (on a loopback port, so every request crosses a real socket); with it, the suite talks to that
 * deployment. Nothing else in the suite knows which it is.
 */
export interface Target {
  readonly baseUrl: string;
  /** `the in-process mock` or the URL: for messages and the summary. */
  readonly description: string;
  close(): Promise<void>;
}

/** What the target will offer the cases, known from the configuration alone (before it is opened). */
export function traitsFor(config: SuiteConfig, isMock: boolean): TargetTraits {
  const inProcess = config.baseUrl === undefined;
  return {
    description: config.baseUrl ?? 'the in-process mock',
    // The mock accepts any well-formed credentials, so the in-process run needs no secrets.
    credentials: new CredentialKit(config, inProcess),
    allowEmail: inProcess || config.allowEmail,
    allowUnsafeMethods: inProcess || config.allowUnsafeMethods,
    isMock: inProcess || isMock,
    verifiesCredentials: !inProcess && !isMock && config.checkWrongCredentials,
  };
}

export async function openTarget(config: SuiteConfig): Promise<Target> {
  if (config.baseUrl !== undefined) {
    return { baseUrl: config.baseUrl, description: config.baseUrl, close: () => Promise.resolve() };
  }
  const server = await serveOnLoopback(createApp({ seed: 'contracts', spec: config.spec }));
  return { baseUrl: server.url, description: 'the in-process mock', close: () => server.close() };
}
