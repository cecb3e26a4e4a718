import { Aws, CfnRule, Fn, type Stack } from 'aws-cdk-lib';
import type { BaselineConfig } from '../config/schema';

/** Logical id of the template rule that pins an environment-agnostic stack to the configuration's region. */
export const HOME_REGION_RULE_ID = 'HomeRegion';

/**
 * With `region` unset the stacks are environment-agnostic, but their availability zones, the DR region
 * (which must differ from the primary) and the bucket names are chosen for `homeRegion`. A CloudFormation
 * rule — evaluated when the change set is created, before any resource — refuses any other region with a
 * message naming the setting to change. Stacks with an explicit region need none.
 */
export function requireHomeRegion(stack: Stack, config: BaselineConfig): void {
  if (config.region) return;
  new CfnRule(stack, HOME_REGION_RULE_ID, {
    assertions: [
      {
        assert: Fn.conditionEquals(Aws.REGION, config.homeRegion),
        assertDescription:
          `hipaa-baseline: these templates are built for ${config.homeRegion} (hipaaBaseline.region is unset, so the ` +
          `region of hipaaBaseline.availabilityZones: ${config.availabilityZones.join(', ')}). Set hipaaBaseline.region ` +
          'to the region you deploy to (and availabilityZones where the region has no default), then synthesize again.',
      },
    ],
  });
}
