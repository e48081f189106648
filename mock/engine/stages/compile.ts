import type Ajv2020 from 'ajv/dist/2020';
import type { OpenApiDocument } from '../../../spec/document';
import {
  documentedStatuses,
  successStatus,
  type OperationModel,
  type ResponseKey,
} from '../../../spec/operation';
import type { Behaviour } from '../behaviour';
import { challenges, createAuthenticator, type Authenticator } from '../security';
import { compileBodyValidator } from '../validate/body';
import { compileParameterValidator } from '../validate/parameters';

/** What the engine compiles for an operation from the document, once, on its first call. */
export interface Stages {
  readonly authenticate: Authenticator;
  /** The `WWW-Authenticate` value of the operation's 401s. */
  readonly challenge: string;
  readonly validateParameters: ReturnType<typeof compileParameterValidator>;
  readonly validateBody: ReturnType<typeof compileBodyValidator>;
  /** The operation's documented responses and their named examples (`200 two`), for matching scenarios. */
  readonly responseKeys: ReadonlySet<ResponseKey>;
  readonly exampleKeys: ReadonlySet<string>;
  /**
   * The status a valid call is answered with: its success, else (an operation that documents only
   * errors) its lowest documented status; undefined when it documents none.
   */
  readonly success: number | undefined;
  /** The operation documents no success: `success` is the lowest status it does document. */
  readonly successIsError: boolean;
  readonly behaviour: Behaviour | undefined;
}

/**
 * Compiles each operation's stages when it is first called and keeps them: start-up pays for none,
 * and a document with hundreds of operations costs only what its callers use.
 */
export function createStageCompiler(options: {
  readonly ajv: Ajv2020;
  readonly document?: OpenApiDocument;
  readonly behaviours: readonly Behaviour[];
  readonly realm: string;
}): (operation: OperationModel) => Stages {
  const behaviours = new Map(options.behaviours.map((b) => [b.operationId, b]));
  const compiled = new Map<OperationModel, Stages>();
  return (operation) => {
    let stages = compiled.get(operation);
    if (!stages) {
      const success = successStatus(operation);
      stages = {
        authenticate: createAuthenticator(operation.security),
        challenge: challenges(operation.security, options.realm),
        validateParameters: compileParameterValidator(options.ajv, operation),
        validateBody: compileBodyValidator(options.ajv, operation, options.document),
        responseKeys: new Set(operation.responses.keys()),
        exampleKeys: new Set(
          [...operation.responses.values()].flatMap((r) =>
            r.content.flatMap((m) => [...m.examples.keys()].map((name) => `${String(r.key)} ${name}`)),
          ),
        ),
        success: success ?? documentedStatuses(operation)[0],
        successIsError: success === undefined,
        behaviour: behaviours.get(operation.operationId),
      };
      compiled.set(operation, stages);
    }
    return stages;
  };
}
