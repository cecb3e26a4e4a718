import { z } from 'zod';

/**
 * How the baseline treats a service that exists once per account and region:
 * - `create`: the baseline creates it (the default; fails where it already exists).
 * - `existing`: it already exists (Control Tower, an earlier setup); the baseline creates nothing and
 *   configures only what can be configured on an existing one.
 * - `organization`: a delegated administrator of the AWS Organization manages it; the baseline creates and
 *   configures nothing and relies on it (the control map says so).
 */
export const ACCOUNT_SERVICE_MODES = ['create', 'existing', 'organization'] as const;
export type AccountServiceMode = (typeof ACCOUNT_SERVICE_MODES)[number];

const mode = (description: string) =>
  z
    .enum(ACCOUNT_SERVICE_MODES, { error: 'must be "create", "existing" or "organization"' })
    .default('create')
    .describe(description);

/** The once-per-account-and-region services and how the baseline treats each. */
export const accountServicesSchema = z
  .strictObject({
    guardDuty: mode(
      "GuardDuty detector. existing: the baseline sets the protection plans, the finding frequency and the findings export on the account's detector (through its account-settings function).",
    ),
    securityHub: mode(
      "Security Hub. existing: the baseline enables the configured standards on the account's hub (through its account-settings function); organization: central configuration decides.",
    ),
    macie: mode(
      'Macie session. existing: the baseline configures automated discovery and the classification job; organization: the Macie administrator does.',
    ),
    accessAnalyzer: mode('IAM Access Analyzer account analyzer. existing / organization: none is created.'),
    config: mode(
      'AWS Config configuration recorder and delivery channel (Control Tower creates both). existing / organization: none is created; the Config rules use the recorder that exists.',
    ),
    inspector: mode(
      'Amazon Inspector. create / existing: the account-settings function enables EC2, ECR and Lambda scanning (idempotent); organization: the delegated administrator does.',
    ),
  })
  .prefault({})
  .describe(
    'Services that exist once per account and region. Under Control Tower or a delegated administrator some already exist: say so here (see `npx hipaa-baseline preflight`).',
  );

export type AccountServicesConfig = z.output<typeof accountServicesSchema>;
