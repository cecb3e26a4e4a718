import { Aspects, Stack, Validations, type App } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { RULE_SETTINGS_METADATA_KEY, type RuleSettings } from '../../rules';
import { AwsSolutionsChecks, HIPAASecurityChecks } from 'cdk-nag';
import { HipaaBaselineChecks } from '../../rules/pack';
import { CONTROL_INVENTORY_METADATA_KEY } from '../controls/control-inventory-metadata';
import type { BaselineConfig } from '../config/schema';
import { guardrailExemptions } from '../organization/guardrails';

/**
 * Registers the synth gate: cdk-nag HIPAA Security and AWS Solutions packs plus this project's pack.
 * Any unacknowledged error fails `cdk synth`. Acknowledgements are copied into template Metadata
 * (`cdk_nag.rules_to_suppress`) so template-level checks and auditors see them.
 */
export function registerGate(app: App, config: BaselineConfig): void {
  const settings = ruleSettings(config);
  Validations.of(app).addPlugins(
    new HIPAASecurityChecks(app, { writeSuppressionsToCloudFormation: true }),
    new AwsSolutionsChecks(app),
    new HipaaBaselineChecks(settings),
  );
  // Record the settings in every template, so `hipaa-baseline check` judges final templates by the same values.
  Aspects.of(app).add({
    visit(node: IConstruct) {
      if (Stack.isStack(node)) {
        // Every template says which controls it holds (an empty inventory too), so removing it is visible.
        node.templateOptions.metadata = {
          [CONTROL_INVENTORY_METADATA_KEY]: {},
          ...node.templateOptions.metadata,
          [RULE_SETTINGS_METADATA_KEY]: settings,
        };
      }
    },
  });
}

/** The values own rules compare against, from the configuration. */
export function ruleSettings(config: BaselineConfig): RuleSettings {
  return {
    logGroupRetentionDays: config.logGroupRetentionDays,
    auditLogRetentionYears: config.auditLogRetentionYears,
    backupMinRetentionDays: config.dataProtection.backup.minRetentionDays,
    ...(config.account ? { account: config.account } : {}),
    ...(config.organizationId ? { organizationId: config.organizationId } : {}),
    ...(config.organization
      ? { guardrailExemptPrincipalArns: guardrailExemptions(config.organization, config.namePrefix) }
      : {}),
  };
}
