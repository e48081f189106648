import type { OperationModel, SecuritySchemeModel } from '../../spec/operation';
import { decisionAt, type RuleSource } from '../../spec/decisions';
import type { CaseContext, ContractCase, Need } from '../case';
import {
  describeAlternative,
  type Alternative,
  type SchemeCase,
  type SchemeCredential,
} from '../credentials';
import { SUITE_DECISIONS } from '../decisions';
import { expectAccepted, expectStatus } from '../expect';
import type { RequestParts } from '../inputs/call-input';
import { caseId } from './ids';
import { acceptance } from './operation-access';

const CHECK = 'ignored_auth';

/** A credential as the request carries it: the scheme's own parts, or exactly these headers. */
type Presented = readonly (readonly [SecuritySchemeModel, SchemeCredential])[];

interface Refusal {
  readonly slug: string;
  readonly title: string;
  readonly source: RuleSource;
  readonly parts: (context: CaseContext) => RequestParts;
  readonly needs?: readonly Need[];
}

/**
 * `ignored_auth` for one operation, from its security requirements: every way of presenting
 * credentials that satisfies no alternative must get 401 (nothing, each incomplete combination, a
 * scheme the document does not name, malformed values of each scheme), and each complete
 * alternative must be accepted, whatever the case of its scheme name.
 */
export function authCases(operation: OperationModel): ContractCase[] {
  // A client certificate cannot be presented or left out over HTTP: alternatives are judged without it.
  const alternatives = operation.security.map((a) => a.filter((s) => s.kind !== 'mutualTLS'));
  if (alternatives.length === 0 || alternatives.some((a) => a.length === 0)) return [];
  const satisfies = (schemes: readonly SecuritySchemeModel[]): boolean =>
    alternatives.some((alternative) => alternative.every((s) => schemes.some((t) => t.name === s.name)));
  const refusals: Refusal[] = [
    {
      slug: 'no-credentials',
      title: 'a request without credentials',
      source: 'seed',
      parts: () => ({ headers: {}, query: [], cookies: [] }),
    },
  ];

  const seenSubsets = new Set<string>();
  for (const alternative of alternatives) {
    for (const subset of properSubsets(alternative)) {
      const key = subset
        .map((s) => s.name)
        .sort()
        .join('+');
      if (satisfies(subset) || seenSubsets.has(key)) continue;
      seenSubsets.add(key);
      const missing = alternative.filter((s) => !subset.includes(s));
      refusals.push({
        slug: `${key}-without-${missing.map((s) => s.name).join('+')}`,
        title: `${describeAlternative(subset)} without ${missing.map((s) => s.name).join(' and ')}`,
        source: 'seed',
        parts: ({ credentials }) =>
          credentials.parts(subset.map((s) => [s, credentials.anyCredentialFor(s)] as const)),
      });
    }
  }

  const withAuthorization = alternatives.find((a) => a.some((s) => s.kind !== 'apiKey'));
  if (withAuthorization) {
    const others = withAuthorization.filter((s) => s.kind === 'apiKey');
    if (!satisfies(others))
      refusals.push({
        slug: 'unknown-scheme',
        title: 'an Authorization scheme the document does not name',
        source: 'seed',
        parts: ({ credentials }) => {
          const parts = credentials.parts(others.map((s) => [s, credentials.anyCredentialFor(s)] as const));
          return {
            ...parts,
            headers: { ...parts.headers, Authorization: 'Token contract-suite-unknown-scheme' },
          };
        },
      });
  }

  for (const alternative of alternatives)
    for (const scheme of alternative)
      for (const malformed of malformations(scheme)) {
        refusals.push({
          slug: `${scheme.name}-${malformed.slug}`,
          title: `${scheme.name} ${malformed.title}`,
          source: SUITE_DECISIONS.credentialForms,
          parts: ({ credentials }) =>
            credentials.parts(
              replaced(
                alternative,
                scheme,
                malformed.make(credentials.anyCredentialFor(scheme)),
                credentials.anyCredentialFor.bind(credentials),
              ),
            ),
        });
      }

  // Wrong but well-formed credentials: only where the target checks them against real users.
  for (const alternative of alternatives)
    for (const scheme of alternative) {
      const wrong = wrongCredential(scheme);
      refusals.push({
        slug: `${scheme.name}-wrong`,
        title: `${scheme.name} with ${wrong.title}`,
        source: 'seed',
        needs: [{ alternatives: [alternative] }, 'credential-check'],
        parts: ({ credentials }) => {
          const own = credentials.anyCredentialFor(scheme);
          return credentials.parts(
            replaced(alternative, scheme, wrong.make(own), credentials.anyCredentialFor.bind(credentials)),
          );
        },
      });
    }

  const unique = dedupeBySlug(refusals);
  const refused = unique.map((refusal): ContractCase => ({
    id: caseId('auth', operation, refusal.slug),
    group: 'auth',
    title: `${operation.operationId} refuses ${refusal.title} (401)`,
    needs: refusal.needs ?? [],
    ...(refusal.source === SUITE_DECISIONS.credentialForms && { profiles: ['full', 'proxied'] as const }),
    run: async (context) => {
      const inputs = context.inputs(operation);
      const answer = await context.call(operation, inputs.baseline(), refusal.parts(context));
      // Taking the request breaks the rule's own source; refusing it with another 4xx than 401 breaks
      // only what says it is a 401: the document, where it documents one (for Nexus, decision D1).
      const { status } = answer.exchange;
      const refusedOtherwise = status >= 400 && status < 500 && status !== 401;
      const source =
        refusal.source === 'seed' && refusedOtherwise
          ? (decisionAt(context.spec.document, `${operation.pointer}/responses/401`) ?? 'seed')
          : refusal.source;
      expectStatus(answer, 401, CHECK, `${refusal.title} must be refused`, source);
    },
  }));

  const accepted = alternatives.flatMap((alternative) =>
    (['as-is', 'lower', 'upper'] as const satisfies readonly SchemeCase[])
      .filter((spelling) => spelling === 'as-is' || alternative.some((s) => s.kind !== 'apiKey'))
      .map((spelling): ContractCase => ({
        id: caseId(
          'auth',
          operation,
          `accepts-${alternative.map((s) => s.name).join('+')}${spelling === 'as-is' ? '' : `-${spelling}case`}`,
        ),
        group: 'auth',
        title: `${operation.operationId} accepts ${describeAlternative(alternative)}${spelling === 'as-is' ? '' : ` with the scheme name in ${spelling} case`}`,
        needs: [{ alternatives: [alternative] }],
        // Prism matches scheme names case-sensitively (it refuses `bearer`), so it cannot honour D13 here.
        ...(spelling !== 'as-is' && { profiles: ['full'] as const }),
        run: async (context) => {
          // An operation that documents only errors has nothing else to answer: its documented
          // answers are checked for their shape, as for its valid call (acceptance()).
          const { options } = acceptance(operation);
          const answer = await context.call(
            operation,
            context.inputs(operation).baseline(),
            context.credentials.partsFor(alternative, spelling),
            options,
          );
          if (options.errorOnly === true) return;
          expectAccepted(
            answer,
            CHECK,
            `${describeAlternative(alternative)} must be accepted`,
            spelling === 'as-is' ? 'seed' : SUITE_DECISIONS.credentialForms,
          );
        },
      })),
  );
  return [...refused, ...accepted];
}

/** Every non-empty proper subset of an alternative's schemes (each incomplete combination). */
function properSubsets(alternative: Alternative): SecuritySchemeModel[][] {
  const out: SecuritySchemeModel[][] = [];
  for (let mask = 1; mask < (1 << alternative.length) - 1; mask++)
    out.push(alternative.filter((_, i) => (mask & (1 << i)) !== 0));
  return out;
}

function replaced(
  alternative: Alternative,
  scheme: SecuritySchemeModel,
  credential: SchemeCredential,
  anyCredentialFor: (s: SecuritySchemeModel) => SchemeCredential,
): Presented {
  return alternative.map((s) => [s, s === scheme ? credential : anyCredentialFor(s)] as const);
}

/** Values a scheme must refuse although they have its shape (D13). */
/**
 * Values a scheme must refuse although they have its shape (D13), made from the run's own credential
 * where they keep part of it: an empty password for the real user is what half-checked auth takes.
 */
function malformations(
  scheme: SecuritySchemeModel,
): { slug: string; title: string; make: (own: SchemeCredential) => SchemeCredential }[] {
  const username = (own: SchemeCredential): string => (own.kind === 'basic' ? own.username : 'user');
  const password = (own: SchemeCredential): string => (own.kind === 'basic' ? own.password : 'password');
  switch (scheme.kind) {
    case 'bearer':
      return [{ slug: 'empty', title: 'with an empty token', make: () => ({ kind: 'bearer', token: '' }) }];
    case 'apiKey':
      return [{ slug: 'empty', title: 'with an empty value', make: () => ({ kind: 'apiKey', value: '' }) }];
    case 'http':
      return [
        {
          slug: 'empty',
          title: 'with empty credentials',
          make: () => ({ kind: 'authorization', value: scheme.scheme }),
        },
      ];
    case 'mutualTLS':
      return [];
    case 'basic':
      return [
        {
          slug: 'not-base64',
          title: 'credentials that are not base64',
          make: () => ({ kind: 'authorization', value: 'Basic %%not*base64%%' }),
        },
        {
          slug: 'without-colon',
          title: 'credentials without a colon',
          make: (own) => ({
            kind: 'authorization',
            value: `Basic ${Buffer.from(`${username(own)}${password(own)}`).toString('base64')}`,
          }),
        },
        {
          slug: 'empty-password',
          title: 'credentials with an empty password',
          make: (own) => ({ kind: 'basic', username: username(own), password: '' }),
        },
        {
          slug: 'empty-username',
          title: 'credentials with an empty user name',
          make: (own) => ({ kind: 'basic', username: '', password: password(own) }),
        },
      ];
  }
}

function wrongCredential(scheme: SecuritySchemeModel): {
  title: string;
  make: (own: SchemeCredential) => SchemeCredential;
} {
  switch (scheme.kind) {
    case 'bearer':
      return {
        title: 'a token that was tampered with',
        make: (own) => ({ kind: 'bearer', token: `${own.kind === 'bearer' ? own.token : ''}tampered` }),
      };
    case 'basic':
      return {
        title: 'the right user and a wrong password',
        make: (own) => ({
          kind: 'basic',
          username: own.kind === 'basic' ? own.username : 'user',
          password: `${own.kind === 'basic' ? own.password : ''}-wrong`,
        }),
      };
    case 'apiKey':
      return {
        title: 'an unknown key',
        make: (own) => ({ kind: 'apiKey', value: `${own.kind === 'apiKey' ? own.value : ''}-unknown` }),
      };
    case 'http':
      return {
        title: 'credentials that were tampered with',
        make: (own) => ({
          kind: 'authorization',
          value: `${own.kind === 'authorization' ? own.value : scheme.scheme}tampered`,
        }),
      };
    case 'mutualTLS':
      return { title: 'no certificate', make: () => ({ kind: 'none' }) };
  }
}

function dedupeBySlug(refusals: Refusal[]): Refusal[] {
  const seen = new Set<string>();
  return refusals.filter((r) => (seen.has(r.slug) ? false : (seen.add(r.slug), true)));
}
