import {
  Lazy,
  Stack,
  StackSynthesizer,
  type DockerImageAssetLocation,
  type FileAssetLocation,
  type ISynthesisSession,
} from 'aws-cdk-lib';
import * as cloudformation from 'aws-cdk-lib/aws-cloudformation';
import { Construct } from 'constructs';
import { recordControl } from '../controls/control-inventory';

/**
 * Template Metadata key of a StackSet resource naming the construct path of the stack whose template it
 * deploys: the control map reads that stack's declarations from the parent's metadata under this path.
 */
export const MEMBER_TEMPLATE_PATH_METADATA_KEY = 'hipaa-baseline:member-template-path';

/**
 * Synthesizes a stack's template as a file asset of another stack (the StackSet's), never as a stack of
 * the cloud assembly: `cdk deploy` does not deploy it, the parent's asset manifest publishes it.
 */
class FileAssetTemplateSynthesizer extends StackSynthesizer {
  private url?: string;

  constructor(private readonly parent: Stack) {
    super();
  }

  /**
   * The template's S3 URL in the parent's asset bucket: known once the template is synthesized, which
   * happens before the parent renders its own (undefined while the app is prepared).
   */
  public get templateUrl(): string {
    return Lazy.uncachedString({ produce: () => this.url });
  }

  public addFileAsset(): FileAssetLocation {
    // Member accounts cannot read the management account's asset bucket: the template takes no assets.
    throw new Error(
      `${this.boundStack.node.path}: a StackSet member template cannot hold file assets (Lambda code, S3 assets); use resources that need none`,
    );
  }

  public addDockerImageAsset(): DockerImageAssetLocation {
    throw new Error(`${this.boundStack.node.path}: a StackSet member template cannot hold container image assets`);
  }

  public synthesize(session: ISynthesisSession): void {
    // The template file, then its registration as a file asset of the parent (synthesized after its children).
    const source = this.synthesizeTemplate(session);
    this.url = this.parent.synthesizer.addFileAsset({
      ...source,
      displayName: `${this.boundStack.node.path} StackSet template`,
    }).httpUrl;
  }
}

/**
 * The stack a StackSet deploys. Its constructs declare their controls and record their inventory like any
 * stack; its template is a file asset of the parent stack, and its construct metadata lands in the
 * parent's (as a nested stack's does), so the control map finds it.
 */
class MemberTemplateStack extends Stack {
  public override readonly templateFile: string;

  constructor(scope: Construct, id: string, synthesizer: FileAssetTemplateSynthesizer, description: string) {
    super(scope, id, { synthesizer, analyticsReporting: false, description });
    this.templateFile = `${this.artifactId}.stackset.json`;
  }

  /** Not a stack of the assembly: its metadata belongs to the parent's artifact (read by CDK's metadata collection). */
  public get _isTopLevelStack(): boolean {
    return false;
  }
}

export interface MemberStackSetProps {
  /** Name of the StackSet. */
  readonly stackSetName: string;
  readonly description: string;
  /** Organizational units whose accounts get a stack instance (present ones and, by auto-deployment, future ones). */
  readonly organizationalUnitIds: readonly string[];
  /** Regions of the stack instances. */
  readonly regions: readonly string[];
  /**
   * Keep an account's stack instance (and its resources) when the account leaves the targeted OUs or the
   * organisation, instead of deleting it.
   */
  readonly retainStacksOnAccountRemoval: boolean;
}

/**
 * A service-managed StackSet (AWS::CloudFormation::StackSet, SERVICE_MANAGED, auto-deployment on) whose
 * template is the stack `template` built in this app — synthesized as a file asset of this construct's
 * stack, so `hipaa-baseline check`, the control map and the stateful guard read it through the asset
 * manifest. Deployed from the management account (CallAs SELF); regions in parallel, accounts a quarter at
 * a time, and no failure tolerated, so a broken template stops at the first accounts.
 */
export class MemberStackSet extends Construct {
  /** Add the member resources to this stack. */
  public readonly template: Stack;
  public readonly stackSet: cloudformation.CfnStackSet;

  constructor(scope: Construct, id: string, props: MemberStackSetProps) {
    super(scope, id);
    const synthesizer = new FileAssetTemplateSynthesizer(Stack.of(this));
    this.template = new MemberTemplateStack(this, 'Template', synthesizer, props.description);
    this.stackSet = new cloudformation.CfnStackSet(this, 'StackSet', {
      stackSetName: props.stackSetName,
      description: props.description,
      permissionModel: 'SERVICE_MANAGED',
      callAs: 'SELF',
      autoDeployment: { enabled: true, retainStacksOnAccountRemoval: props.retainStacksOnAccountRemoval },
      managedExecution: { Active: true },
      capabilities: ['CAPABILITY_NAMED_IAM'],
      operationPreferences: {
        regionConcurrencyType: 'PARALLEL',
        maxConcurrentPercentage: 25,
        failureTolerancePercentage: 0,
      },
      stackInstancesGroup: [
        {
          deploymentTargets: { organizationalUnitIds: [...props.organizationalUnitIds] },
          regions: [...props.regions],
        },
      ],
      templateUrl: synthesizer.templateUrl,
    });
    this.stackSet.addMetadata(MEMBER_TEMPLATE_PATH_METADATA_KEY, this.template.node.path);
    recordControl(this.stackSet, 'member-baseline-stackset', [
      'PermissionModel',
      'AutoDeployment',
      'StackInstancesGroup',
    ]);
  }
}
