import { randomUUID } from 'node:crypto';
import {
  CHECKS_WITHOUT_SERVER_ERROR,
  CONFORMANCE_CHECKS,
  QUOTED_BODY_LENGTH,
  runChecks,
  type Exchange,
} from '../spec/conformance/checks';
import type { OperationModel } from '../spec/operation';
import { PROFILE_GROUPS, type Answer, type CaseContext, type ContractCase } from './case';
import { ContractClient } from './client';
import type { SuiteConfig } from './config';
import { Coverage } from './coverage';
import { describeSource } from './decisions';
import { documentWarning, requiredByHttp } from './document-warnings';
import { operationContracts } from './behaviours';
import type { OperationContract } from './behaviours/operation-contract';
import { toRequest } from './inputs/call-input';
import { OperationInputs } from './inputs/operation-inputs';
import type { TargetTraits } from './traits';
import { toCurl } from './curl';
import { createRedactor, excerpt } from './redact';
import { defaultRequestBudget } from './sample';
import type { SuiteSpec } from './suite-spec';
import type { Target } from './target';
import { ContractViolation, Inconclusive } from './violation';

export interface CaseResult {
  readonly id: string;
  readonly title: string;
  /** `warned`: only rules from decisions broke, and NEXUS_DECISIONS=warn reports them as warnings. */
  readonly outcome: 'passed' | 'failed' | 'skipped' | 'warned';
  /** Why it failed, warned or was skipped. Never holds a secret. */
  readonly reason?: string;
  /** The named check that failed. */
  readonly check?: string;
  /** Where the broken rule comes from: `seed`, or `D2: factor list`. */
  readonly source?: string;
  /** Decision rules that broke while the case went on (NEXUS_DECISIONS=warn). */
  readonly warnings?: readonly string[];
}

/**
 * Runs cases against one open target: sends their requests through one client (timeouts, retries,
 * budget), checks every answer against the document and the seed, counts it
 * in the coverage table, and turns every outcome into a secret-free result.
 */
export class SuiteRunner {
  readonly client: ContractClient;
  readonly coverage: Coverage;
  private readonly context: CaseContext;
  private readonly contracts = new Map<string, OperationContract>();
  private readonly inputs = new Map<OperationModel, OperationInputs>();
  private warnings: ContractViolation[] = [];
  /** Responses HTTP requires that the document leaves out: warnings about the document, each once. */
  readonly documentWarnings = new Set<string>();
  private readonly checksBehaviour: boolean;
  private readonly sessionHeaders: Readonly<Record<string, string>>;
  /** The mock's admin token, where it has one (NEXUS_ADMIN_TOKEN): for the admin API only. */
  private readonly adminHeaders: Readonly<Record<string, string>>;
  /**
   * What the run writes of a text: cut to a bounded length, then redacted (the cut chosen first, so
   * no piece of a secret is left at its edge). Checks and cases see the raw answers; only messages,
   * reports and curl lines pass here.
   */
  readonly written: (text: string) => string;

  constructor(
    readonly target: Target,
    readonly traits: TargetTraits,
    private readonly config: SuiteConfig,
    readonly spec: SuiteSpec,
    /** Stops the run: its deadline, or a signal. */
    signal?: AbortSignal,
  ) {
    this.coverage = new Coverage(spec.operations);
    this.checksBehaviour = PROFILE_GROUPS[config.profile].includes('behaviour');
    for (const contract of operationContracts())
      if (spec.operations.some((o) => o.operationId === contract.operationId))
        this.contracts.set(contract.operationId, contract);
    const { credentials } = traits;
    const budget = config.maxRequestsGiven
      ? config.maxRequests
      : defaultRequestBudget(spec.operations.length);
    // Against the mock, the run keeps to a session of its own and disturbs nobody else's state.
    this.sessionHeaders = traits.isMock ? { 'X-Mock-Session': `contracts-${randomUUID()}` } : {};
    this.adminHeaders =
      config.adminToken === undefined ? {} : { Authorization: `Bearer ${config.adminToken}` };
    const secrets = credentials.secrets(spec.operations.flatMap((o) => o.security.flat()));
    const redact = createRedactor({
      ...secrets,
      secrets: [...secrets.secrets, config.adminToken],
      publicTexts: Object.values(this.sessionHeaders),
    });
    this.written = (text) => excerpt(text, MAX_WRITTEN_LENGTH, redact);
    const quote = (text: string): string =>
      text === '' ? '(empty)' : excerpt(text, QUOTED_BODY_LENGTH, redact);
    this.client = new ContractClient(target.baseUrl, {
      timeoutMs: config.timeoutMs,
      maxBodyBytes: config.maxBodyBytes,
      ...(signal && { signal }),
      maxRetries: config.maxRetries,
      maxRequests: budget,
      maxRetryWaitMs: config.maxRetryWaitMs,
      defaultHeaders: this.sessionHeaders,
    });

    this.context = {
      spec,
      traits,
      credentials,
      seed: config.seed,
      maxExamples: examplesPerOperation(config, spec.operations.length, budget),
      coverage: this.coverage,
      remaining: () => this.client.remaining,
      inputs: (operation) => this.inputsFor(operation),
      call: async (operation, input, parts, options = {}) => {
        const request = toRequest(operation, input, parts);
        const exchange = await this.client.send({
          ...request,
          headers: { ...request.headers, ...options.headers },
        });
        // A forced answer (Prefer) is whatever was asked for, a 5xx included: its shape is still checked.
        const checks =
          options.edge && REFUSED_BEFORE_THE_OPERATION.has(exchange.status)
            ? {}
            : options.forced || options.errorOnly
              ? CHECKS_WITHOUT_SERVER_ERROR
              : CONFORMANCE_CHECKS;
        let checked = runChecks(exchange, { ...spec.checkContext(operation), quote }, checks);
        const requiredWhy = requiredByHttp(operation, exchange.status);
        if (requiredWhy !== undefined && checked.some((f) => f.check === 'status_code_conformance')) {
          this.documentWarnings.add(documentWarning(operation, exchange.status, requiredWhy));
          checked = checked.filter((f) => f.check !== 'status_code_conformance');
        }
        const answer = answerOf(exchange);
        const seedContract = this.contracts.get(operation.operationId);
        // A mock answering from examples (Prism) gives every success the same ticket: the seed's
        // behaviour is checked only in profiles that check behaviour, and only where nothing was forced.
        const behaved =
          seedContract && !options.forced && this.checksBehaviour && checked.length === 0
            ? seedContract.violations(answer, input)
            : [];
        this.coverage.record(operation, exchange, checked.length > 0 || behaved.length > 0);
        this.settle([...checked.map((f) => new ContractViolation(f.check, f.message, f.source)), ...behaved]);
        return answer;
      },
      check: (assertion) => {
        try {
          assertion();
        } catch (error) {
          if (!(error instanceof ContractViolation)) throw error;
          this.settle([error]);
        }
      },
      send: async (request) => answerOf(await this.client.send(request)),
      admin: async (path) =>
        answerOf(await this.client.send({ method: 'GET', url: path, headers: this.adminHeaders })),
      curl: (request) =>
        redact(
          toCurl(target.baseUrl, { ...request, headers: { ...this.sessionHeaders, ...request.headers } }),
        ),
    };
  }

  /** The enrollment's safety pins apply to every input the suite derives for it. */
  private inputsFor(operation: OperationModel): OperationInputs {
    let inputs = this.inputs.get(operation);
    if (!inputs) {
      const pins = this.contracts.get(operation.operationId)?.pins(this.traits);
      inputs = new OperationInputs(this.spec, operation, pins);
      this.inputs.set(operation, inputs);
    }
    return inputs;
  }

  /**
   * Every rule one answer broke: with NEXUS_DECISIONS=warn, those from decisions become warnings and
   * the case goes on; the first of the others (seed rules first) fails the case, naming them all.
   */
  private settle(violations: readonly ContractViolation[]): void {
    const warn = this.config.decisions === 'warn';
    const failing = violations.filter((v) => !warn || v.source === 'seed');
    if (warn) this.warnings.push(...violations.filter((v) => v.source !== 'seed'));
    const first = failing.find((v) => v.source === 'seed') ?? failing[0];
    if (!first) return;
    throw new ContractViolation(first.check, failing.map((v) => v.message).join('\n'), first.source);
  }

  /** Against the mock, forgets the run's own session, so a shared mock keeps nothing of it. */
  async finish(): Promise<void> {
    if (this.traits.isMock)
      await this.client
        .send({ method: 'POST', url: '/__admin/reset', headers: this.adminHeaders })
        .catch(() => undefined);
  }

  async run(contractCase: ContractCase, skip?: string): Promise<CaseResult> {
    const { id, title } = contractCase;
    if (skip !== undefined) return { id, title, outcome: 'skipped', reason: skip };
    this.warnings = [];
    const describe = (violation: ContractViolation): string =>
      `${violation.check} [${describeSource(violation.source, this.spec.decisionNames)}]: ${this.written(violation.message)}`;
    const warned = (): Pick<CaseResult, 'warnings'> =>
      this.warnings.length > 0 ? { warnings: this.warnings.map(describe) } : {};
    try {
      await contractCase.run(this.context);
      const [first] = this.warnings;
      if (!first) return { id, title, outcome: 'passed' };
      return {
        id,
        title,
        outcome: 'warned',
        check: first.check,
        source: describeSource(first.source, this.spec.decisionNames),
        reason: this.written(first.message),
        ...warned(),
      };
    } catch (error) {
      if (error instanceof Inconclusive)
        return { id, title, outcome: 'skipped', reason: this.written(error.message), ...warned() };
      const check = error instanceof ContractViolation ? error.check : 'case_error';
      const source = error instanceof ContractViolation ? error.source : 'seed';
      const message = error instanceof Error ? error.message : String(error);
      // A case that stopped on a decision rule (its last step, or one that needed the answer) warns too.
      const warnOnly = this.config.decisions === 'warn' && source !== 'seed';
      return {
        id,
        title,
        outcome: warnOnly ? 'warned' : 'failed',
        check,
        source: describeSource(source, this.spec.decisionNames),
        reason: this.written(message),
        ...warned(),
      };
    }
  }
}

/**
 * Generated examples per property, and edges, per fully checked operation: NEXUS_MAX_EXAMPLES, or
 * less where the budget left after every operation's valid call, shared among the operations that
 * get every check (about eight requests per example between the properties and the edges), is less.
 */
function examplesPerOperation(config: SuiteConfig, operations: number, budget: number): number {
  const full = Math.max(1, Math.min(config.maxOperations, operations));
  return Math.max(1, Math.min(config.maxExamples, Math.floor((budget - operations) / (8 * full))));
}

/** Content Too Large, URI Too Long, Request Header Fields Too Large: HTTP's own refusals of a size. */
const REFUSED_BEFORE_THE_OPERATION = new Set([413, 414, 431]);

/** The longest reason a result keeps: a message quoting a huge answer stays readable and small. */
const MAX_WRITTEN_LENGTH = 4000;

export function answerOf(exchange: Exchange): Answer {
  let json: unknown;
  try {
    json = exchange.text === '' ? undefined : JSON.parse(exchange.text);
  } catch {
    json = undefined;
  }
  return { exchange, json };
}
