import { randomUUID } from 'node:crypto';
import { loadSpec } from '../spec/document';
import { PROFILE_GROUPS, type Answer, type Auth, type CaseContext, type ContractCase } from './case';
import { runChecks, type CheckContext } from '../spec/conformance/checks';
import { createCheckContext } from '../spec/conformance/check-context';
import { ContractClient } from './client';
import type { SuiteConfig } from './config';
import type { TargetTraits } from './plan';
import type { Target } from './target';
import { STAND_IN_BASIC, STAND_IN_BEARER } from './stand-ins';
import { ContractViolation, createRedactor } from './violation';

export interface CaseResult {
  readonly id: string;
  readonly title: string;
  readonly outcome: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped. Never holds a secret. */
  readonly reason?: string;
  /** The named check that failed. */
  readonly check?: string;
}

/**
 * Runs cases against one open target: sends their requests through one client (timeouts, retries,
 * budget), checks every answer's conformance, and turns every outcome into a secret-free result.
 */
export class SuiteRunner {
  readonly client: ContractClient;
  private readonly checks: CheckContext;
  private readonly context: CaseContext;
  private readonly redact: (text: string) => string;
  /** Every ticket id a 200 has carried in this run: each must be non-empty and new. */
  private readonly ticketIds = new Set<string>();

  constructor(
    readonly target: Target,
    readonly traits: TargetTraits,
    config: SuiteConfig,
  ) {
    const document = loadSpec();
    this.checks = createCheckContext(document);
    const { operation } = this.checks;
    const appTokenScheme = operation.security.flat().find((s) => s.kind === 'apiKey' && s.in === 'header');
    const applicationTokenHeader =
      config.applicationTokenHeader ??
      (appTokenScheme?.kind === 'apiKey' ? appTokenScheme.key : 'X-Application-Token');
    const factorSchema = operation.parameters.find((p) => p.name === 'factor')?.schema;
    // Prism answers every success with the same example, so ids are only checked where behaviour is.
    const checksBehaviour = PROFILE_GROUPS[config.profile].includes('behaviour');
    this.redact = createRedactor([
      target.bearer?.token,
      target.bearer?.applicationToken,
      target.basic?.password,
      target.basic && `${target.basic.username}:${target.basic.password}`,
    ]);
    this.client = new ContractClient(target.baseUrl, {
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      maxRequests: config.maxRequests,
      maxRetryWaitMs: config.maxRetryWaitMs,
      // Against the mock, the run keeps to a session of its own and disturbs nobody else's state.
      defaultHeaders: traits.isMock ? { 'X-Mock-Session': `contracts-${randomUUID()}` } : {},
    });

    const headersFor = (auth: Auth): Record<string, string> => {
      if (typeof auth === 'object') return { ...auth.headers };
      const bearer = target.bearer;
      const basic = target.basic;
      if ((auth === 'bearer' || auth === 'any') && bearer) {
        return { Authorization: `Bearer ${bearer.token}`, [applicationTokenHeader]: bearer.applicationToken };
      }
      if ((auth === 'basic' || auth === 'any') && basic) {
        return {
          Authorization: `Basic ${Buffer.from(`${basic.username}:${basic.password}`).toString('base64')}`,
        };
      }
      throw new Error(`No ${auth} credentials; the plan should have skipped this case`);
    };

    this.context = {
      factors: Array.isArray(factorSchema?.enum) ? factorSchema.enum.map(String) : [],
      applicationTokenHeader,
      bearerOrStandIn: target.bearer ?? STAND_IN_BEARER,
      basicOrStandIn: target.basic ?? STAND_IN_BASIC,
      enroll: async (query, auth, headers = {}) => {
        const url = query === '' ? operation.path : `${operation.path}?${query}`;
        const exchange = await this.client.send({
          method: operation.method as 'POST',
          url,
          headers: { ...headersFor(auth), ...headers },
        });
        const failures = runChecks(exchange, this.checks);
        const first = failures[0];
        if (first) throw new ContractViolation(first.check, failures.map((f) => f.message).join('\n'));
        const answer = answerOf(exchange);
        if (checksBehaviour && exchange.status === 200 && headers.Prefer === undefined)
          this.checkNewTicket(answer);
        return answer;
      },
      admin: async (path) => answerOf(await this.client.send({ method: 'GET', url: path })),
    };
  }

  /** The seed's promise for every success: a ticket with an id no other answer carried. */
  private checkNewTicket(answer: Answer): void {
    const { ticketId } = answer.json as { ticketId?: unknown };
    const where = `${answer.exchange.method} ${answer.exchange.url}`;
    if (typeof ticketId !== 'string' || ticketId.trim() === '') {
      throw new ContractViolation(
        'successful_enrollment',
        `${where}: a created ticket must have a non-empty ticketId. Received: ${JSON.stringify(ticketId)}`,
      );
    }
    if (this.ticketIds.has(ticketId)) {
      throw new ContractViolation(
        'successful_enrollment',
        `${where}: ticket ids must be unique across calls. Received: ${JSON.stringify(ticketId)} again`,
      );
    }
    this.ticketIds.add(ticketId);
  }

  /** Against the mock, forgets the run's own session, so a shared mock keeps nothing of it. */
  async finish(): Promise<void> {
    if (this.traits.isMock)
      await this.client.send({ method: 'POST', url: '/__admin/reset' }).catch(() => undefined);
  }

  async run(contractCase: ContractCase, skip?: string): Promise<CaseResult> {
    const { id, title } = contractCase;
    if (skip !== undefined) return { id, title, outcome: 'skipped', reason: skip };
    try {
      await contractCase.run(this.context);
      return { id, title, outcome: 'passed' };
    } catch (error) {
      const check = error instanceof ContractViolation ? error.check : 'case_error';
      const message = error instanceof Error ? error.message : String(error);
      return { id, title, outcome: 'failed', check, reason: this.redact(message) };
    }
  }
}

function answerOf(exchange: Answer['exchange']): Answer {
  let json: unknown;
  try {
    json = exchange.text === '' ? undefined : JSON.parse(exchange.text);
  } catch {
    json = undefined;
  }
  return { exchange, json };
}
