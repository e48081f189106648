import type { ValidateFunction } from 'ajv';
import type { CheckContext } from '../spec/conformance/checks';
import { SPEC_PATH, type OpenApiDocument } from '../spec/document';
import { loadDocument } from '../spec/load';
import type { OperationModel } from '../spec/operation';
import { compileAt, createSpecAjv } from '../spec/schemas';
import { loadDecisionNames } from './decisions';

/** The document a run checks against, read once: its operations and their compiled schemas. */
export interface SuiteSpec {
  readonly document: OpenApiDocument;
  /** Where it was read from, for the summary. */
  readonly file: string;
  readonly operations: readonly OperationModel[];
  /** The kit's own document, whose behaviours (the enrollment) the suite knows. */
  readonly isKitSpec: boolean;
  /** `D2` → `factor list`. */
  readonly decisionNames: ReadonlyMap<string, string>;
  /** The checks' view of one operation. */
  checkContext(operation: OperationModel): CheckContext;
  /** The compiled schema at a JSON pointer of the document. */
  validator(pointer: string): ValidateFunction;
}

/** Loads the document (a bad one throws `SpecError`, which the command line turns into exit 2). */
export function loadSuiteSpec(file: string = SPEC_PATH): SuiteSpec {
  const { document, operations, file: resolved } = loadDocument(file);
  const ajv = createSpecAjv(document);
  const compiled = new Map<string, ValidateFunction>();
  const validator = (pointer: string): ValidateFunction => {
    let validate = compiled.get(pointer);
    if (!validate) {
      validate = compileAt(ajv, pointer);
      compiled.set(pointer, validate);
    }
    return validate;
  };
  const contexts = new Map<OperationModel, CheckContext>();
  return {
    document,
    file: resolved ?? file,
    operations,
    isKitSpec: (resolved ?? file) === SPEC_PATH,
    decisionNames: loadDecisionNames(),
    validator,
    checkContext: (operation) => {
      let context = contexts.get(operation);
      if (!context) {
        context = { document, operation, validator };
        contexts.set(operation, context);
      }
      return context;
    },
  };
}
