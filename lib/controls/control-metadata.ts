/** Construct metadata type under which control declarations are recorded (reaches the cloud assembly). */
export const CONTROLS_METADATA_TYPE = 'hipaa-baseline:controls';

/** The metadata payload as it appears in the assembly. */
export interface ControlMetadata {
  readonly citations: string[];
  readonly statement: string;
  readonly construct: string;
  /** What the baseline relies on instead of deploying it (see `ControlDeclaration.reliesOn`). */
  readonly reliesOn?: string;
  readonly resources: { logicalId: string; type: string }[];
}
