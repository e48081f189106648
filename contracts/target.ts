import { createApp } from '../mock/app';
import type { BasicCredentials, BearerCredentials, SuiteConfig } from './config';
import { serveOnLoopback } from '../support/loopback';
import { STAND_IN_BASIC, STAND_IN_BEARER } from './stand-ins';
import type { TargetTraits } from './plan';

/**
 * The one switch between targets: without NEXUS_BASE_URL the suite starts the mock in this process
 * (on a loopback port, so every request crosses a real socket); with it, the suite talks to that
 * deployment. Nothing else in the suite knows which it is.
 */
export interface Target {
  readonly baseUrl: string;
  /** `the in-process mock` or the URL: for messages and the summary. */
  readonly description: string;
  readonly bearer: BearerCredentials | undefined;
  readonly basic: BasicCredentials | undefined;
  close(): Promise<void>;
}

/** What the target will offer the cases, known from the configuration alone (before it is opened). */
export function traitsFor(config: SuiteConfig, isMock: boolean): TargetTraits {
  const inProcess = config.baseUrl === undefined;
  return {
    description: config.baseUrl ?? 'the in-process mock',
    hasBearer: inProcess || config.bearer !== undefined,
    hasBasic: inProcess || config.basic !== undefined,
    missing: inProcess ? {} : config.missing,
    allowEmail: inProcess || config.allowEmail,
    isMock: inProcess || isMock,
    verifiesCredentials: !inProcess && !isMock && config.checkWrongCredentials,
  };
}

export async function openTarget(config: SuiteConfig): Promise<Target> {
  if (config.baseUrl !== undefined) {
    return {
      baseUrl: config.baseUrl,
      description: config.baseUrl,
      bearer: config.bearer,
      basic: config.basic,
      close: () => Promise.resolve(),
    };
  }
  const server = await serveOnLoopback(createApp({ seed: 'contracts' }));
  return {
    baseUrl: server.url,
    description: 'the in-process mock',
    // The mock accepts any well-formed credentials, so the in-process run needs no secrets.
    bearer: config.bearer ?? STAND_IN_BEARER,
    basic: config.basic ?? STAND_IN_BASIC,
    close: () => server.close(),
  };
}
