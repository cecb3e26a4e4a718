import { CfnResource, Lazy, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { requireCitations } from './catalog';
import type { CitationInput } from './catalog.generated';

/** Construct metadata type under which control declarations are recorded (reaches the cloud assembly). */
export const CONTROLS_METADATA_TYPE = 'hipaa-baseline:controls';

/** What a construct records about the HIPAA requirements it implements. */
export interface ControlDeclaration {
  /** Catalog citations the construct implements. */
  readonly citations: readonly CitationInput[];
  /** How the construct implements them, in one sentence for auditors. */
  readonly statement: string;
}

/** The metadata payload as it appears in the assembly. */
export interface ControlMetadata {
  readonly citations: string[];
  readonly statement: string;
  readonly construct: string;
  readonly resources: { logicalId: string; type: string }[];
}

/** The construct's type: its jsii name for library constructs, else its class name. */
function constructType(scope: IConstruct): string {
  const rtti = (scope.constructor as any)[Symbol.for('jsii.rtti')];
  return rtti?.fqn ?? scope.constructor.name;
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
