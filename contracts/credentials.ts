import type { SecuritySchemeModel } from '../spec/operation';
import { apiKeyVariable, type SuiteConfig } from './config';
import type { RequestParts } from './inputs/call-input';
import { STAND_IN_BASIC, STAND_IN_BEARER } from './stand-ins';

/** A scheme's credential, as the target's or a stand-in. */
export type SchemeCredential =
  | { readonly kind: 'bearer'; readonly token: string }
  | { readonly kind: 'basic'; readonly username: string; readonly password: string }
  | { readonly kind: 'apiKey'; readonly value: string }
  /** An `Authorization` value written as is: a malformed one no user and password can express. */
  | { readonly kind: 'authorization'; readonly value: string }
  /** Nothing on the request: a client certificate (mutualTLS), which the suite cannot present over HTTP. */
  | { readonly kind: 'none' };

export type Alternative = readonly SecuritySchemeModel[];

/** How a scheme's parts are written: the scheme name as the spec spells it, or in another case. */
export type SchemeCase = 'as-is' | 'lower' | 'upper';

/**
 * The credentials a run has for each security scheme of the document, and how to put them on a
 * request: bearer tokens from NEXUS_BEARER_TOKEN, Basic from NEXUS_BASIC_USERNAME/PASSWORD, API keys
 * from `NEXUS_API_KEY_<SCHEME>` or NEXUS_APPLICATION_TOKEN. The in-process mock takes stand-ins.
 */
export class CredentialKit {
  constructor(
    private readonly config: SuiteConfig,
    private readonly standIns: boolean,
  ) {}

  /** The header an API key goes in (NEXUS_APPLICATION_TOKEN_HEADER overrides the spec's name). */
  keyName(scheme: SecuritySchemeModel & { kind: 'apiKey' }): string {
    return scheme.in === 'header' ? (this.config.applicationTokenHeader ?? scheme.key) : scheme.key;
  }

  /** The target's credential for a scheme, a stand-in for the in-process mock, else undefined. */
  credentialFor(scheme: SecuritySchemeModel): SchemeCredential | undefined {
    const { config } = this;
    switch (scheme.kind) {
      case 'bearer': {
        const token = config.bearerToken ?? (this.standIns ? STAND_IN_BEARER.token : undefined);
        return token === undefined ? undefined : { kind: 'bearer', token };
      }
      case 'basic': {
        const basic = config.basic ?? (this.standIns ? STAND_IN_BASIC : undefined);
        return basic && { kind: 'basic', ...basic };
      }
      case 'apiKey': {
        // NEXUS_APPLICATION_TOKEN stands in for header keys only: it must not end up in a query
        // string (and access logs) for a scheme that was never the application token.
        const value =
          config.apiKeys[apiKeyVariable(scheme.name)] ??
          (scheme.in === 'header' ? config.applicationToken : undefined) ??
          (this.standIns ? STAND_IN_BEARER.applicationToken : undefined);
        return value === undefined ? undefined : { kind: 'apiKey', value };
      }
      case 'http': {
        // Digest, HOBA ...: the credentials as the scheme writes them, after its name.
        const value =
          config.apiKeys[apiKeyVariable(scheme.name)] ?? (this.standIns ? STAND_IN_BEARER.token : undefined);
        return value === undefined ? undefined : { kind: 'authorization', value: `${scheme.scheme} ${value}` };
      }
      case 'mutualTLS':
        return { kind: 'none' };
    }
  }

  /** A well-formed credential for a scheme even without the target's: for requests that must be refused. */
  anyCredentialFor(scheme: SecuritySchemeModel): SchemeCredential {
    return (
      this.credentialFor(scheme) ??
      (scheme.kind === 'bearer'
        ? { kind: 'bearer', token: STAND_IN_BEARER.token }
        : scheme.kind === 'basic'
          ? { kind: 'basic', ...STAND_IN_BASIC }
          : scheme.kind === 'http'
            ? { kind: 'authorization', value: `${scheme.scheme} ${STAND_IN_BEARER.token}` }
            : { kind: 'apiKey', value: STAND_IN_BEARER.applicationToken })
    );
  }

  /** Why the run has no credential for a scheme: the variables to set. */
  missingReason(scheme: SecuritySchemeModel): string {
    switch (scheme.kind) {
      case 'bearer':
        return `no credentials for ${scheme.name}: set NEXUS_BEARER_TOKEN`;
      case 'basic':
        return `no credentials for ${scheme.name}: ${this.config.missing.basic ?? 'set NEXUS_BASIC_USERNAME and NEXUS_BASIC_PASSWORD'}`;
      case 'apiKey':
        return scheme.in === 'header'
          ? `no credentials for ${scheme.name}: set ${apiKeyVariable(scheme.name)} or NEXUS_APPLICATION_TOKEN`
          : `no credentials for ${scheme.name}: set ${apiKeyVariable(scheme.name)}`;
      case 'http':
        return `no credentials for ${scheme.name}: set ${apiKeyVariable(scheme.name)} (sent as '${scheme.scheme} VALUE')`;
      case 'mutualTLS':
        return `${scheme.name} is a client certificate, which the suite does not present`;
    }
  }

  /** The alternatives the run can satisfy with its own credentials (the public one, `[]`, included). */
  usable(alternatives: readonly Alternative[]): Alternative[] {
    return alternatives.filter((alternative) =>
      alternative.every((s) => this.credentialFor(s) !== undefined),
    );
  }

  /** Every secret a report must never show, in the raw. */
  secrets(schemes: readonly SecuritySchemeModel[]): {
    secrets: string[];
    basicPairs: { username: string; password: string }[];
  } {
    const secrets: string[] = [];
    const basicPairs: { username: string; password: string }[] = [];
    for (const scheme of schemes) {
      const credential = this.credentialFor(scheme);
      if (credential?.kind === 'bearer') secrets.push(credential.token);
      if (credential?.kind === 'apiKey') secrets.push(credential.value);
      if (credential?.kind === 'authorization' && scheme.kind === 'http')
        secrets.push(credential.value.slice(scheme.scheme.length + 1));
      if (credential?.kind === 'basic') {
        secrets.push(credential.password);
        basicPairs.push({ username: credential.username, password: credential.password });
      }
    }
    return { secrets, basicPairs };
  }

  /** The request parts that present these credentials. */
  parts(
    entries: readonly (readonly [SecuritySchemeModel, SchemeCredential])[],
    schemeCase: SchemeCase = 'as-is',
  ): RequestParts {
    const headers: Record<string, string> = {};
    const query: [string, string][] = [];
    const cookies: [string, string][] = [];
    const spell = (name: string): string =>
      schemeCase === 'lower' ? name.toLowerCase() : schemeCase === 'upper' ? name.toUpperCase() : name;
    for (const [scheme, credential] of entries) {
      if (credential.kind === 'authorization') headers.Authorization = credential.value;
      else if (credential.kind === 'bearer') headers.Authorization = `${spell('Bearer')} ${credential.token}`;
      else if (credential.kind === 'basic')
        headers.Authorization = `${spell('Basic')} ${Buffer.from(`${credential.username}:${credential.password}`, 'utf8').toString('base64')}`;
      else if (credential.kind === 'apiKey' && scheme.kind === 'apiKey') {
        const name = this.keyName(scheme);
        if (scheme.in === 'header') headers[name] = credential.value;
        else if (scheme.in === 'query') query.push([name, credential.value]);
        else cookies.push([name, credential.value]);
      }
    }
    return { headers, query, cookies };
  }

  /** The parts for a complete alternative, with the run's credentials (callers check `usable` first). */
  partsFor(alternative: Alternative, schemeCase: SchemeCase = 'as-is'): RequestParts {
    return this.parts(
      alternative.map((scheme) => [scheme, this.anyCredentialFor(scheme)] as const),
      schemeCase,
    );
  }
}

export function describeAlternative(alternative: Alternative): string {
  return alternative.length === 0 ? 'no credentials (public)' : alternative.map((s) => s.name).join(' + ');
}
