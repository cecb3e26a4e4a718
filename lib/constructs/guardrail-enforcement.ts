import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../controls/acknowledge';
import { GUARDED_INVOKE_ACTIONS, MODEL_USE_ACTIONS } from '../ai/bedrock-actions';
import { declareControls } from '../controls/declare';

export interface GuardrailEnforcementProps {
  /** The analytics/ML role: it may invoke models only with the guardrail. HIPAA 164.312(a)(1). */
  readonly analyticsRole: iam.IRole;
  /** Roles on the raw-PHI side: denied every model invocation. HIPAA 164.308(a)(4)(ii)(B). */
  readonly rawPhiRoles: readonly iam.IRole[];
  /**
   * The guardrail every invocation of the analytics role must name.
   * @default - no guardrail: the analytics role gets no model access at all
   */
  readonly guardrail?: {
    /** `<guardrail ARN>:<version>`, the bedrock:GuardrailIdentifier value. */
    readonly versionedArn: string;
    /** The guardrail ARN, for bedrock:ApplyGuardrail. */
    readonly guardrailArn: string;
    /** The guardrail's key: using a guardrail needs kms:Decrypt on it. */
    readonly encryptionKey: kms.IKey;
  };
}

/**
 * Enforces the guardrail with IAM: the analytics/ML role may invoke foundation models of this region only
 * when the request names the guardrail's published version (`bedrock:GuardrailIdentifier`), an explicit deny
 * refuses every other invocation — whatever else a later policy allows —, and batch inference (which takes no
 * guardrail), agents and flows are denied. The roles that touch raw PHI (ingest, de-identification) are
 * denied every model invocation: PHI reaches a model only after de-identification.
 */
export class GuardrailEnforcement extends Construct {
  /** The analytics role's Bedrock policy (with the guardrail). */
  public readonly analyticsPolicy: iam.ManagedPolicy;
  /** The deny of model use on the raw-PHI roles. */
  public readonly rawPhiPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: GuardrailEnforcementProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const models = `arn:${stack.partition}:bedrock:${stack.region}::foundation-model/*`;
    const guardrail = props.guardrail;

    this.analyticsPolicy = new iam.ManagedPolicy(this, 'AnalyticsModels', {
      description: 'Bedrock models only with the baseline guardrail',
      roles: [props.analyticsRole],
      statements: [
        ...(guardrail
          ? [
              new iam.PolicyStatement({
                sid: 'InvokeWithGuardrail',
                actions: [...GUARDED_INVOKE_ACTIONS],
                resources: [models],
                conditions: { StringEquals: { 'bedrock:GuardrailIdentifier': guardrail.versionedArn } },
              }),
              new iam.PolicyStatement({
                sid: 'ApplyGuardrail',
                actions: ['bedrock:ApplyGuardrail'],
                resources: [guardrail.guardrailArn],
              }),
              new iam.PolicyStatement({
                sid: 'DecryptGuardrail',
                actions: ['kms:Decrypt'],
                resources: [guardrail.encryptionKey.keyArn],
              }),
            ]
          : []),
        new iam.PolicyStatement({
          sid: 'DenyInvokeWithoutGuardrail',
          effect: iam.Effect.DENY,
          actions: ['bedrock:InvokeModel*'],
          resources: ['*'],
          // A negated operator also matches a request that names no guardrail at all.
          ...(guardrail
            ? { conditions: { StringNotEquals: { 'bedrock:GuardrailIdentifier': guardrail.versionedArn } } }
            : {}),
        }),
        new iam.PolicyStatement({
          sid: 'DenyUnguardedModelUse',
          effect: iam.Effect.DENY,
          actions: MODEL_USE_ACTIONS.filter((action) => action !== 'bedrock:InvokeModel*'),
          resources: ['*'],
        }),
      ],
    });
    if (guardrail) {
      acknowledgeWildcardResource(
        this.analyticsPolicy,
        models,
        'Foundation models of this region, each invocation only with the guardrail version named in the condition.',
      );
    }

    this.rawPhiPolicy = new iam.ManagedPolicy(this, 'RawPhiNoModels', {
      description: 'No model invocation from the raw-PHI side',
      roles: [...props.rawPhiRoles],
      statements: [
        new iam.PolicyStatement({
          sid: 'DenyModelUseOnRawPhi',
          effect: iam.Effect.DENY,
          actions: [...MODEL_USE_ACTIONS],
          resources: ['*'],
        }),
      ],
    });

    declareControls(this, {
      citations: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.308(a)(3)(ii)(A)', '164.308(a)(4)(ii)(C)'],
      statement: guardrail
        ? 'The analytics/ML role may invoke models only with the published guardrail version (bedrock:GuardrailIdentifier); every other invocation, batch inference, agents and flows are explicitly denied to it, and the roles that touch raw PHI are denied every model invocation.'
        : 'Without a guardrail the analytics/ML role is denied every model invocation, as are the roles that touch raw PHI.',
    });
  }
}
