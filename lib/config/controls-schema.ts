import { z } from 'zod';
import { deploymentDefaults } from '../controls/config-rule-specs';

/** AWS Config rules, conformance pack and aggregator. HIPAA 164.308(a)(8) evaluation, 164.312(b). */
export const controlsSchema = z
  .strictObject({
    configRulesDeployment: z
      .enum(['rules', 'conformance-pack'], { error: 'must be "rules" or "conformance-pack"' })
      .default('rules')
      .describe(
        'Deploy the AWS Config rules one by one, or as one AWS::Config::ConformancePack (same rules, names and mapping).',
      ),
    configRuleParameters: z
      .record(
        z.string(),
        z.record(z.string(), z.string({ error: 'must be a string (AWS Config parameters are strings)' })),
      )
      .default({})
      .describe('Overrides of managed rule parameters: { "ACCESS_KEYS_ROTATED": { "maxAccessKeyAge": "60" } }.'),
    aggregator: z
      .strictObject({
        source: z
          .enum(['account', 'organization'], { error: 'must be "account" or "organization"' })
          .default('account')
          .describe('Collect results from this account (all regions) or from the whole AWS Organization.'),
        accountIds: z
          .array(z.string().regex(/^\d{12}$/, { error: 'must be a 12-digit AWS account id' }))
          .default([])
          .describe('Additional accounts to aggregate when source is "account".'),
      })
      .prefault({})
      .describe('AWS Config aggregator collecting rule results.'),
  })
  .superRefine((controls, ctx) => {
    const defaults = deploymentDefaults();
    for (const [identifier, parameters] of Object.entries(controls.configRuleParameters)) {
      const known = defaults.get(identifier)?.parameters;
      if (!known || Object.keys(known).length === 0) {
        const withParameters = [...defaults]
          .filter(([, row]) => Object.keys(row.parameters).length > 0)
          .map(([id]) => id);
        ctx.addIssue({
          code: 'custom',
          path: ['configRuleParameters', identifier],
          message: `not a deployed managed rule with parameters (one of ${withParameters.join(', ')})`,
        });
        continue;
      }
      for (const name of Object.keys(parameters)) {
        if (!(name in known)) {
          ctx.addIssue({
            code: 'custom',
            path: ['configRuleParameters', identifier, name],
            message: `unknown parameter of ${identifier} (known: ${Object.keys(known).join(', ')})`,
          });
        }
      }
    }
  })
  .prefault({});
