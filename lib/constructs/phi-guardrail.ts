import { Fn } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { CREDENTIAL_ENTITIES, safeHarborEntities, safeHarborRegexes } from '../ai/safe-harbor';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

/** Harmful-content categories of the guardrail's content filters (the prompt-attack filter is separate). */
export const HARMFUL_CONTENT = ['SEXUAL', 'VIOLENCE', 'HATE', 'INSULTS', 'MISCONDUCT'] as const;

export interface PhiGuardrailProps {
  /** Guardrail name (unique in the account and region). */
  readonly name: string;
  /**
   * What the guardrail does with a Safe Harbor identifier in a prompt or an output: ANONYMIZE masks it,
   * BLOCK refuses the request. Credentials are always blocked. HIPAA 164.312(a)(1), 164.514(b) (Safe Harbor).
   * @default 'ANONYMIZE'
   */
  readonly piiAction?: 'ANONYMIZE' | 'BLOCK';
  /**
   * Strength of the harmful-content filters, on prompts and outputs. HIPAA 164.308(a)(1)(ii)(B).
   * @default 'MEDIUM'
   */
  readonly contentFilterStrength?: 'LOW' | 'MEDIUM' | 'HIGH';
  /** What a caller sees when a prompt or an output is blocked. */
  readonly blockedMessage: string;
  /** Customer-managed key encrypting the guardrail. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: kms.IKey;
}

/**
 * A Bedrock guardrail for workloads on de-identified data: sensitive-information filters for every HIPAA Safe
 * Harbor identifier that text can carry (built-in PII types plus this project's patterns for medical record,
 * health plan, account, certificate and device numbers, dates and ages over 89 — lib/ai/safe-harbor.ts),
 * credentials always blocked, harmful-content filters, and the prompt-attack filter at HIGH; encrypted with a
 * customer key. A numbered version is published for every configuration (its description carries a hash of
 * the configuration, so a change publishes a new version): IAM conditions name that version.
 */
export class PhiGuardrail extends Construct {
  public readonly guardrail: bedrock.CfnGuardrail;
  public readonly version: bedrock.CfnGuardrailVersion;
  /** ARN of the guardrail (without version), for bedrock:ApplyGuardrail. */
  public readonly guardrailArn: string;
  /** `<guardrail ARN>:<version>`: the value of the bedrock:GuardrailIdentifier condition key. */
  public readonly versionedArn: string;

  constructor(scope: Construct, id: string, props: PhiGuardrailProps) {
    super(scope, id);
    const piiAction = props.piiAction ?? 'ANONYMIZE';
    const strength = props.contentFilterStrength ?? 'MEDIUM';
    const both = (action: string) => ({
      action,
      inputAction: action,
      outputAction: action,
      inputEnabled: true,
      outputEnabled: true,
    });
    const config = {
      sensitiveInformationPolicyConfig: {
        piiEntitiesConfig: [
          ...safeHarborEntities().map((type) => ({ type, ...both(piiAction) })),
          ...CREDENTIAL_ENTITIES.map((type) => ({ type, ...both('BLOCK') })),
        ],
        regexesConfig: safeHarborRegexes().map((regex) => ({ ...regex, ...both(piiAction) })),
      },
      contentPolicyConfig: {
        filtersConfig: [
          ...HARMFUL_CONTENT.map((type) => ({ type, inputStrength: strength, outputStrength: strength })),
          // Prompt attacks are judged on input only; the output strength must be NONE.
          { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
        ],
      },
      blockedInputMessaging: props.blockedMessage,
      blockedOutputsMessaging: props.blockedMessage,
    };
    this.guardrail = new bedrock.CfnGuardrail(this, 'Guardrail', {
      name: props.name,
      description: 'hipaa-baseline: HIPAA Safe Harbor identifiers, credentials, harmful content and prompt attacks',
      kmsKeyArn: props.encryptionKey.keyArn,
      ...config,
    });
    const hash = createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 16);
    this.version = new bedrock.CfnGuardrailVersion(this, 'Version', {
      guardrailIdentifier: this.guardrail.attrGuardrailId,
      description: `hipaa-baseline guardrail configuration ${hash}`,
    });
    this.guardrailArn = this.guardrail.attrGuardrailArn;
    this.versionedArn = Fn.join(':', [this.version.attrGuardrailArn, this.version.attrVersion]);
    recordControl(this.guardrail, 'bedrock-guardrail', [
      'SensitiveInformationPolicyConfig',
      'ContentPolicyConfig',
      'KmsKeyArn',
    ]);

    declareControls(this, {
      citations: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.308(a)(1)(ii)(B)', '164.312(c)(1)'],
      statement: `A Bedrock guardrail ${piiAction === 'BLOCK' ? 'blocks' : 'masks'} the HIPAA Safe Harbor identifiers in prompts and outputs (built-in PII types and patterns for medical record, health plan, account, certificate and device numbers, dates and ages over 89), blocks credentials, filters harmful content and prompt attacks, and is encrypted with a customer key.`,
    });
  }
}
