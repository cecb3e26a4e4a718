import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { HipaaBaselineChecks } from '../../rules/pack';
import type { BaselineConfig } from '../config/schema';

/**
 * Registers the synth gate: cdk-nag HIPAA Security and AWS Solutions packs plus this project's pack.
 * Any unacknowledged error fails `cdk synth`. Acknowledgements are copied into template Metadata
 * (`cdk_nag.rules_to_suppress`) so template-level checks and auditors see them.
 */
export function registerGate(app: App, config: BaselineConfig): void {
  Validations.of(app).addPlugins(
    new HIPAASecurityChecks(app, { writeSuppressionsToCloudFormation: true }),
    new AwsSolutionsChecks(app),
    new HipaaBaselineChecks({
      logGroupRetentionDays: config.logGroupRetentionDays,
      auditLogRetentionYears: config.auditLogRetentionYears,
    }),
  );
}
