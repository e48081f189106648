import fc from 'fast-check';
import type { OpenApiDocument } from '../../spec/document';
import type { OperationModel, ParameterModel } from '../../spec/operation';
import { BodyInputs, dedupe } from './body-inputs';
import type { SuiteSpec } from '../suite-spec';
import { PercentEncoded, RawText, type CallInput, type ParameterInput } from './call-input';
import { edgeBodies, edgeValues } from './edge-values';
import { coerce, invalidTexts } from './invalid-values';
import { primaryType, resolveSchema, validSamples, valueArbitrary, type Carrier } from './schema-values';

/** An input and what makes it interesting, for the failure message: `factor=phone`, `q longer than 40`. */
export interface LabelledInput {
  readonly input: CallInput;
  readonly what: string;
  /** Query pairs sent besides the input's parameters (a parameter's name in another letter case). */
  readonly query?: readonly (readonly [string, string])[];
  /** The parameter the input is about, when it is about one (its schema says where the rule comes from). */
  readonly parameter?: ParameterModel;
}

/** One way to make a valid input invalid, and the parameter it is about (its schema says where the rule comes from). */
interface Break {
  readonly what: string;
  readonly parameter?: ParameterModel;
  readonly apply: (input: CallInput) => CallInput;
}

/**
 * Values an operation's inputs must keep, whatever is generated: against a deployment, the
 * enrollment stays interactive unless NEXUS_ALLOW_EMAIL=true, so no generated request sends email.
 */
export type Pins = ReadonlyMap<string, unknown>;

/**
 * Everything the suite sends to one operation, derived from its parameters and request body: the
 * listed valid inputs (every enum member, boundaries, each optional parameter), the listed invalid
 * ones (one violation each), the inputs where the spec leaves room, and fast-check arbitraries over
 * valid and invalid inputs in any combination and order.
 */
export class OperationInputs {
  private readonly document: OpenApiDocument;
  private readonly samples = new Map<ParameterModel, unknown[]>();
  private readonly bodies: BodyInputs;

  constructor(
    private readonly spec: SuiteSpec,
    readonly operation: OperationModel,
    private readonly pins: Pins = new Map(),
  ) {
    this.document = spec.document;
    for (const parameter of operation.parameters) {
      const valid = (v: unknown): boolean => this.isValidParameter(parameter, v);
      const pinned = pins.get(parameter.name);
      const listed =
        pinned !== undefined ? [pinned] : validSamples(this.document, parameter.schema, carrierOf(parameter));
      this.samples.set(parameter, dedupe(listed.filter(valid)));
    }
    this.bodies = new BodyInputs(spec, operation.requestBody);
  }

  /** Parameters that must be sent, and could be: each has a valid value. */
  private get required(): ParameterModel[] {
    return this.operation.parameters.filter((p) => p.required || this.pins.has(p.name));
  }

  private get optional(): ParameterModel[] {
    return this.operation.parameters.filter((p) => !p.required && !this.pins.has(p.name));
  }

  /** Whether every required part has a valid value the suite can send; if not, it says which. */
  get unsendable(): string | undefined {
    const missing = this.required.find((p) => (this.samples.get(p) ?? []).length === 0);
    if (missing) return `no valid value could be derived for the ${missing.in} parameter ${missing.name}`;
    if (this.operation.requestBody?.required && this.bodies.samples.length === 0)
      return 'no valid request body could be derived';
    return undefined;
  }

  /** The smallest valid input: required parameters and body, each with its first listed value. */
  baseline(): CallInput {
    return {
      parameters: this.required.map((parameter) => ({ parameter, value: this.first(parameter) })),
      ...this.body(this.bodies.samples[0]),
    };
  }

  /**
   * Valid inputs worth sending once each: the baseline, each combination of the optional parameters
   * (every subset up to `MAX_ENUMERATED_OPTIONAL` of them, else each alone and all together), every
   * listed value of every parameter.
   */
  positives(): LabelledInput[] {
    const base = this.baseline();
    const out: LabelledInput[] = [{ input: base, what: 'the required parts only' }];
    const withOptional = this.optional.filter((p) => (this.samples.get(p) ?? []).length > 0);
    for (const subset of optionalSubsets(withOptional)) {
      if (subset.length === 0) continue;
      const all = subset.length === withOptional.length;
      out.push({
        input: {
          parameters: [
            ...base.parameters,
            ...subset.map((parameter) => ({ parameter, value: this.first(parameter) })),
          ],
          ...this.body(this.bodies.samples[all ? this.bodies.samples.length - 1 : 0]),
        },
        what: all ? 'every optional part' : `with ${subset.map((p) => p.name).join(' and ')}`,
      });
    }
    if (withOptional.length === 0 && this.bodies.samples.length > 1)
      out.push({
        input: { ...base, ...this.body(this.bodies.samples[this.bodies.samples.length - 1]) },
        what: 'every optional part of the body',
      });
    for (const parameter of this.operation.parameters) {
      if (this.pins.has(parameter.name)) continue;
      for (const value of (this.samples.get(parameter) ?? []).slice(1))
        out.push({
          input: this.replace(base, parameter, value),
          what: `${parameter.name}=${show(value)}`,
          parameter,
        });
    }
    return out;
  }

  /** Invalid inputs, each breaking one rule of the schema on top of the baseline. */
  negatives(): LabelledInput[] {
    const base = this.baseline();
    return this.breaks().map(({ what, parameter, apply }) => ({ input: apply(base), what, parameter }));
  }

  /**
   * Inputs where the spec leaves room, so either answer passes (a 5xx never does): a boolean as
   * `TRUE`, an optional parameter with an empty value, a single-valued query parameter repeated.
   */
  room(): LabelledInput[] {
    const base = this.baseline();
    const out: LabelledInput[] = [];
    for (const parameter of this.operation.parameters) {
      if (parameter.in !== 'query' || this.pins.has(parameter.name)) continue;
      const type = primaryType(resolveSchema(this.document, parameter.schema));
      if (type === 'boolean')
        out.push({
          input: this.replace(base, parameter, new RawText('TRUE')),
          what: `${parameter.name}=TRUE`,
        });
      if (!parameter.required)
        out.push({
          input: this.replace(base, parameter, new RawText('')),
          what: `${parameter.name} with an empty value`,
        });
      const value = this.first(parameter);
      if (type !== 'array' && type !== 'object' && value !== undefined)
        out.push({
          input: {
            ...base,
            parameters: [...this.replace(base, parameter, value).parameters, { parameter, value }],
          },
          what: `${parameter.name} repeated`,
        });
    }
    return out;
  }

  /**
   * Inputs where deployments break, on top of the baseline: each parameter (a pinned one keeps its
   * value) at the edges `edgeValues` lists; each query parameter repeated alone and together with
   * every optional one, every parameter in reverse order, and a name in another letter case; deep
   * and large JSON bodies. Any documented answer passes; a 5xx never does.
   */
  edges(): LabelledInput[] {
    const base = this.baseline();
    const everything: CallInput = {
      ...base,
      parameters: [
        ...base.parameters,
        ...this.optional
          .filter((p) => (this.samples.get(p) ?? []).length > 0)
          .map((parameter) => ({ parameter, value: this.first(parameter) })),
      ],
    };
    const out: LabelledInput[] = [];
    for (const parameter of this.operation.parameters) {
      if (this.pins.has(parameter.name) || parameter.mediaType !== undefined) continue;
      const schema = resolveSchema(this.document, parameter.schema);
      for (const { value, why } of edgeValues(schema, carrierOf(parameter)))
        out.push({
          input: this.replace(base, parameter, value instanceof PercentEncoded ? value : new RawText(value)),
          what: `${parameter.name} ${why}`,
          parameter,
        });
    }
    for (const parameter of this.operation.parameters) {
      const value = this.first(parameter);
      if (parameter.in !== 'query' || value === undefined) continue;
      const once = { parameter, value };
      out.push(
        {
          input: { ...base, parameters: [...this.replace(base, parameter, value).parameters, once] },
          what: `${parameter.name} repeated`,
        },
        {
          input: {
            ...everything,
            parameters: [...this.replace(everything, parameter, value).parameters, once],
          },
          what: `${parameter.name} repeated, with every other parameter`,
        },
        {
          input: {
            ...everything,
            parameters: [once, ...this.replace(everything, parameter, value).parameters.slice(0, -1)],
          },
          what: `${parameter.name} first`,
        },
      );
      const renamed =
        parameter.name.toUpperCase() === parameter.name
          ? parameter.name.toLowerCase()
          : parameter.name.toUpperCase();
      // Only where leaving the parameter out is valid: a server may ignore the unknown name.
      if (!parameter.required && !this.pins.has(parameter.name))
        out.push({
          input: {
            ...everything,
            parameters: everything.parameters.filter((p) => p.parameter !== parameter),
          },
          query: [[renamed, typeof value === 'string' ? value : JSON.stringify(value)]],
          what: `${parameter.name} spelled ${renamed}`,
        });
    }
    if (everything.parameters.length > 1)
      out.push({
        input: { ...everything, parameters: [...everything.parameters].reverse() },
        what: 'every parameter, in reverse order',
      });
    const mediaType = this.bodies.media?.mediaType;
    if (mediaType !== undefined && /[/+]json$/i.test(mediaType))
      for (const { text, why } of edgeBodies())
        out.push({ input: { ...base, body: { mediaType, text } }, what: `a body of ${why}` });
    return out;
  }

  /** Any valid input: optional parts in or out, values from the schema, query parameters in any order. */
  validArbitrary(): fc.Arbitrary<CallInput> {
    const fixed = this.required.map((parameter) =>
      this.valueArb(parameter).map((value): ParameterInput => ({ parameter, value })),
    );
    const optional = this.optional
      .filter((p) => (this.samples.get(p) ?? []).length > 0)
      .map((parameter) =>
        fc.option(
          this.valueArb(parameter).map((value): ParameterInput => ({ parameter, value })),
          { nil: undefined },
        ),
      );
    const bodies = this.bodies.samples.length > 0 ? this.bodies.arbitrary() : fc.constant(undefined);
    return fc.tuple(fc.tuple(...fixed), fc.tuple(...optional), bodies).chain(([required, chosen, body]) => {
      const parameters = [...required, ...chosen.filter((p): p is ParameterInput => p !== undefined)];
      return fc
        .shuffledSubarray(parameters, { minLength: parameters.length, maxLength: parameters.length })
        .map((ordered): CallInput => ({ parameters: ordered, ...this.body(body) }));
    });
  }

  /** A valid input with exactly one invalid part; undefined when the schemas forbid nothing the suite can send. */
  invalidArbitrary(): fc.Arbitrary<LabelledInput> | undefined {
    const breaks = this.breaks();
    if (breaks.length === 0) return undefined;
    return fc
      .tuple(this.validArbitrary(), fc.constantFrom(...breaks))
      .map(([input, { what, parameter, apply }]) => ({ input: apply(input), what, parameter }));
  }

  /**
   * The single violations the invalid inputs apply, as functions of any valid input. A pinned
   * parameter is never broken: against a deployment, an invalid `isInteractive` that a broken
   * server reads as false would send an email (NEXUS_ALLOW_EMAIL=true lifts the pin).
   */
  private breaks(): Break[] {
    const out: Break[] = [];
    for (const parameter of this.operation.parameters) {
      if (this.pins.has(parameter.name)) continue;
      for (const { text, why } of this.invalidTextsOf(parameter))
        out.push({
          what: `${parameter.name}=${text} (${why})`,
          parameter,
          apply: (input) => this.replace(input, parameter, new RawText(text)),
        });
      // A path parameter cannot be left out of a URL: its template would be sent as the value.
      if (parameter.required && parameter.in !== 'path')
        out.push({
          what: `without the required ${parameter.in} parameter ${parameter.name}`,
          parameter,
          apply: (input) => ({
            ...input,
            parameters: input.parameters.filter((p) => p.parameter !== parameter),
          }),
        });
    }
    const mediaType = this.bodies.media?.mediaType ?? 'application/json';
    for (const { text, what } of this.bodies.invalid())
      out.push({ what, apply: (input) => ({ ...input, body: { mediaType, text } }) });
    return out;
  }

  private invalidTextsOf(parameter: ParameterModel): { text: string; why: string }[] {
    // A header carries visible Latin-1 only: anything else would fail in the client, not the server.
    const sendable = (text: string): boolean => parameter.in !== 'header' || /^[\x20-\x7e]*$/.test(text);
    return this.invalidTextsOfSchema(parameter).filter(({ text }) => sendable(text));
  }

  private invalidTextsOfSchema(parameter: ParameterModel): { text: string; why: string }[] {
    const type = primaryType(resolveSchema(this.document, parameter.schema));
    if (parameter.mediaType !== undefined || type === 'object') return [];
    if (type === 'array') {
      const schema = resolveSchema(this.document, parameter.schema);
      const items = resolveSchema(this.document, schema.items);
      const texts = invalidTexts(this.document, items, (v) => this.isValidParameter(parameter, [v]));
      return texts.slice(0, 3);
    }
    return invalidTexts(this.document, parameter.schema, (v) => this.isValidParameter(parameter, v));
  }

  private body(value: unknown): Pick<CallInput, 'body'> {
    const body = this.bodies.input(value);
    return body ? { body } : {};
  }

  private valueArb(parameter: ParameterModel): fc.Arbitrary<unknown> {
    const listed = this.samples.get(parameter) ?? [];
    const fallback = listed[0];
    if (this.pins.has(parameter.name)) return fc.constant(fallback);
    return valueArbitrary(this.document, parameter.schema, carrierOf(parameter)).map((v) =>
      this.isValidParameter(parameter, v) ? v : fallback,
    );
  }

  private first(parameter: ParameterModel): unknown {
    return (this.samples.get(parameter) ?? [])[0];
  }

  private replace(input: CallInput, parameter: ParameterModel, value: unknown): CallInput {
    const others = input.parameters.filter((p) => p.parameter !== parameter);
    return { ...input, parameters: [...others, { parameter, value }] };
  }

  private isValidParameter(parameter: ParameterModel, value: unknown): boolean {
    if (value === undefined) return false;
    // Header values lose surrounding white space on the wire; a value that depends on it is not sent.
    if (
      parameter.in === 'header' &&
      typeof value === 'string' &&
      (value !== value.trim() || /[^\x20-\x7e]/.test(value))
    )
      return false;
    const validate = this.spec.validator(parameter.schemaPointer);
    if (!validate(value)) return false;
    // What reaches the server is text: a string that reads as another type ('5' for a string) is
    // only valid if the server's reading of it is too.
    if (typeof value === 'string' && parameter.mediaType === undefined) {
      const read = coerce(value, resolveSchema(this.document, parameter.schema));
      return validate(read);
    }
    return true;
  }
}

/** Subsets of optional parameters worth sending: all of them when few, else each alone and all together. */
const MAX_ENUMERATED_OPTIONAL = 4;

function optionalSubsets(optional: readonly ParameterModel[]): ParameterModel[][] {
  if (optional.length <= MAX_ENUMERATED_OPTIONAL)
    return Array.from({ length: 2 ** optional.length }, (_, mask) =>
      optional.filter((_, i) => (mask & (1 << i)) !== 0),
    );
  return [...optional.map((p) => [p]), [...optional]];
}

function carrierOf(parameter: ParameterModel): Carrier {
  return parameter.in;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}
