import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { requireCitations } from './catalog';
import type { CitationInput } from './catalog.generated';
import { CONTROLS_METADATA_TYPE } from './control-metadata';

// Kept in a module of its own so readers of the assembly need not load aws-cdk-lib.
export { CONTROLS_METADATA_TYPE, type ControlMetadata } from './control-metadata';

/** What a construct records about the HIPAA requirements it implements. */
export interface ControlDeclaration {
  /** Catalog citations the construct implements. */
  readonly citations: readonly CitationInput[];
  /** How the construct implements them, in one sentence for auditors. */
  readonly statement: string;
  /**
   * What the baseline relies on instead of deploying it itself (an account's existing service, one an
   * organisation's delegated administrator runs). The control map then reports the citation as met by
   * something outside the baseline, never as implemented by it alone.
   * @default - the construct implements the citations itself
   */
  readonly reliesOn?: string;
}

/**
 * The construct's type: its class name, or the jsii name of a library class used as is. The jsii name
 * is a static field that subclasses inherit, so it names the class only when the class is that library
 * class (aws-cdk-lib's decorators wrap it in a subclass of the same name plus a digit).
 */
function constructType(scope: IConstruct): string {
  const name = scope.constructor.name;
  const fqn: string | undefined = (scope.constructor as any)[Symbol.for('jsii.rtti')]?.fqn;
  return fqn && fqn.split('.').pop() === name.replace(/\d+$/, '') ? fqn : name;
}

/**
 * Records on `scope` the HIPAA Security Rule citations it implements. The declaration is construct
 * metadata, so it lands in the cloud assembly with the construct path, the construct's class and the
 * logical ids of the CloudFormation resources it owns. An unknown citation throws (synth fails).
 */
export function declareControls(scope: IConstruct, declaration: ControlDeclaration): void {
  const citations = requireCitations(declaration.citations, `${scope.node.path}: declareControls`);
  if (declaration.statement.trim().length < 10) {
    throw new Error(`${scope.node.path}: declareControls needs a statement of how the citations are met`);
  }
  const stack = Stack.of(scope);
  const payload = {
    citations,
    statement: declaration.statement,
    construct: constructType(scope),
    ...(declaration.reliesOn ? { reliesOn: declaration.reliesOn } : {}),
    resources: Lazy.any({
      produce: () =>
        scope.node
          .findAll()
          .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
          .map((resource) => ({ logicalId: stack.getLogicalId(resource), type: resource.cfnResourceType })),
    }),
  };
  scope.node.addMetadata(CONTROLS_METADATA_TYPE, payload);
}
