import { z } from 'zod';
import { guardrailAvailable, invocationLoggingAvailable } from './ai-regions';

const AVAILABLE_WHERE =
  'Default: on in the regions that offer it (lib/config/ai-regions.ts), off elsewhere; true in a region without it fails synth.';

/**
 * Guardrails for the AI services. HIPAA 164.312(b) audit controls (invocation logging), 164.312(a)(1) and
 * 164.308(a)(4)(ii)(B) access control (guardrail enforcement, SageMaker isolation), 164.312(e)(1).
 */
export const aiSchema = z
  .strictObject({
    bedrock: z
      .strictObject({
        invocationLogging: z
          .strictObject({
            enabled: z
              .boolean()
              .optional()
              .describe(
                `Amazon Bedrock model invocation logging of this account and region: prompts and outputs, treated as PHI, to a dedicated S3 bucket and an encrypted log group under their own key. ${AVAILABLE_WHERE}`,
              ),
            retentionDays: z
              .number({ error: 'must be a number of days' })
              .int({ error: 'must be a whole number of days' })
              .min(365, { error: 'must be at least 365 days' })
              .max(36500, { error: 'must be at most 36500 days' })
              .optional()
              .describe(
                'Days invocation logs are kept in S3 before they expire (default: auditLogRetentionYears in days). The log group keeps logGroupRetentionDays.',
              ),
            objectLockMode: z
              .enum(['GOVERNANCE', 'COMPLIANCE'], { error: 'must be "GOVERNANCE" or "COMPLIANCE"' })
              .optional()
              .describe(
                'S3 Object Lock for the invocation logs, for retentionDays (default: none, so PHI in prompts stays disposable; versioning keeps overwritten logs).',
              ),
          })
          .prefault({})
          .describe(
            'Model invocation logging (there is no CloudFormation resource: the baseline sets it with its own function).',
          ),
        guardrail: z
          .strictObject({
            enabled: z
              .boolean()
              .optional()
              .describe(
                `A Bedrock guardrail (sensitive-information filters for the HIPAA Safe Harbor identifiers, content filters, prompt-attack filter), which the analytics role must name in every model invocation. ${AVAILABLE_WHERE}`,
              ),
            piiAction: z
              .enum(['ANONYMIZE', 'BLOCK'], { error: 'must be "ANONYMIZE" or "BLOCK"' })
              .default('ANONYMIZE')
              .describe(
                'What the guardrail does with an identifier in a prompt or an output: ANONYMIZE masks it (the model never sees it), BLOCK refuses the whole request.',
              ),
            contentFilterStrength: z
              .enum(['LOW', 'MEDIUM', 'HIGH'], { error: 'must be "LOW", "MEDIUM" or "HIGH"' })
              .default('MEDIUM')
              .describe(
                'Strength of the harmful-content filters (hate, insults, sexual, violence, misconduct). MEDIUM lets clinical narratives through that HIGH tends to block; the prompt-attack filter is always HIGH.',
              ),
            blockedMessage: z
              .string()
              .min(1, { error: 'must not be empty' })
              .max(500, { error: 'must be at most 500 characters' })
              .default(
                'This request was blocked by the organisation\u2019s AI guardrail: it contained protected health information or unsafe content.',
              )
              .describe('What a caller sees when the guardrail blocks a prompt or an output.'),
          })
          .prefault({})
          .describe('Bedrock guardrail and its enforcement on the analytics role.'),
      })
      .prefault({})
      .describe('Amazon Bedrock.'),
    sagemaker: z
      .strictObject({
        domain: z
          .strictObject({
            enabled: z
              .boolean()
              .optional()
              .describe(
                'A SageMaker domain (Studio) for the analytics role: VPC only in the app tier, encrypted with the de-identified key, Docker access off, notebook output sharing off. It costs nothing while no app runs. Default: on when the environment has egress "nat" (it reaches the SageMaker APIs through it), off otherwise; true with an environment without it fails synth. The job conditions on the analytics role apply either way.',
              ),
            environment: z
              .string()
              .optional()
              .describe(
                'Environment whose app tier holds the domain (default: "prod", else the first production environment, else the first). It needs egress "nat": the baseline creates no SageMaker API endpoints.',
              ),
          })
          .prefault({})
          .describe('SageMaker domain.'),
      })
      .prefault({})
      .describe(
        'Amazon SageMaker. The analytics role may start training, tuning and processing jobs and create models only VPC-bound in the app tier, network-isolated, with inter-container encryption and the de-identified key.',
      ),
  })
  .prefault({});

type AiInput = z.output<typeof aiSchema>;

/** The AI section with every default resolved. */
export interface AiConfig {
  readonly bedrock: {
    readonly invocationLogging: {
      readonly enabled: boolean;
      readonly retentionDays: number;
      readonly objectLockMode?: 'GOVERNANCE' | 'COMPLIANCE';
    };
    readonly guardrail: Omit<AiInput['bedrock']['guardrail'], 'enabled'> & { readonly enabled: boolean };
  };
  readonly sagemaker: {
    readonly domain: { readonly enabled: boolean; readonly environment: string };
  };
}

interface AiContext {
  readonly ai: AiInput;
  readonly homeRegion: string;
  readonly region?: string;
  readonly auditLogRetentionYears: number;
  readonly environments: readonly { readonly name: string; readonly production?: boolean; readonly egress?: string }[];
}

/** The environment holding the domain when none is named: "prod", else the first production one, else the first. */
export function defaultAiEnvironment(environments: AiContext['environments']): string | undefined {
  return (
    environments.find((env) => env.name === 'prod') ??
    environments.find((env) => env.production) ??
    environments[0]
  )?.name;
}

/** Cross-field rules of the AI section (regions, the domain's environment); reports into the root context. */
export function validateAi(config: AiContext, ctx: z.RefinementCtx): void {
  const where = config.region ? config.homeRegion : `${config.homeRegion} (the region of availabilityZones)`;
  const { invocationLogging, guardrail } = config.ai.bedrock;
  if (invocationLogging.enabled === true && !invocationLoggingAvailable(config.homeRegion)) {
    ctx.addIssue({
      code: 'custom',
      path: ['ai', 'bedrock', 'invocationLogging', 'enabled'],
      message: `Amazon Bedrock (and its model invocation logging) is not available in ${where}; set it to false`,
    });
  }
  if (guardrail.enabled === true && !guardrailAvailable(config.homeRegion)) {
    ctx.addIssue({
      code: 'custom',
      path: ['ai', 'bedrock', 'guardrail', 'enabled'],
      message: `Amazon Bedrock Guardrails are not available in ${where}; set it to false`,
    });
  }
  const domain = config.ai.sagemaker.domain;
  if (domain.enabled === false) return;
  // Asked for (switched on, or placed in a named environment): refused where it cannot work. Otherwise the
  // default follows the environment (resolveAi).
  const explicit = domain.enabled === true || domain.environment !== undefined;
  const name = domain.environment ?? defaultAiEnvironment(config.environments);
  const env = config.environments.find((candidate) => candidate.name === name);
  if (!explicit) return;
  if (!env) {
    const names = config.environments.map((candidate) => candidate.name).join(', ');
    ctx.addIssue({
      code: 'custom',
      path: ['ai', 'sagemaker', 'domain', 'environment'],
      message: `unknown environment "${name}" (environments: ${names})`,
    });
  } else if (env.egress !== 'nat') {
    ctx.addIssue({
      code: 'custom',
      path: ['ai', 'sagemaker', 'domain', 'environment'],
      message: `environment "${name}" has egress "none": a VPC-only SageMaker domain there could not reach the SageMaker APIs (the baseline creates no SageMaker endpoints); choose an environment with egress "nat" or set ai.sagemaker.domain.enabled to false`,
    });
  }
}

/** Resolves the region-dependent switches and the defaults that follow other fields. */
export function resolveAi<T extends AiContext>(config: T): Omit<T, 'ai'> & { ai: AiConfig } {
  const { bedrock, sagemaker } = config.ai;
  const home = sagemaker.domain.environment ?? defaultAiEnvironment(config.environments) ?? '';
  return {
    ...config,
    ai: {
      bedrock: {
        invocationLogging: {
          enabled: bedrock.invocationLogging.enabled ?? invocationLoggingAvailable(config.homeRegion),
          retentionDays: bedrock.invocationLogging.retentionDays ?? Math.ceil(config.auditLogRetentionYears * 365.25),
          ...(bedrock.invocationLogging.objectLockMode
            ? { objectLockMode: bedrock.invocationLogging.objectLockMode }
            : {}),
        },
        guardrail: {
          ...bedrock.guardrail,
          enabled: bedrock.guardrail.enabled ?? guardrailAvailable(config.homeRegion),
        },
      },
      sagemaker: {
        domain: {
          enabled: sagemaker.domain.enabled ?? config.environments.find((env) => env.name === home)?.egress === 'nat',
          environment: home,
        },
      },
    },
  };
}
