import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { MemberBaseline } from '../constructs/member-baseline';
import type { OrganizationStackProps } from './organization-stack-props';

/**
 * The member baseline in the management account, one stack per member region: service-managed StackSets
 * never deploy to the management account, which must nevertheless record its configuration and keep its
 * account protections. Same construct, same resources as the StackSet's template.
 */
export class ManagementBaselineStack extends Stack {
  public readonly baseline: MemberBaseline;

  constructor(scope: Construct, id: string, props: OrganizationStackProps) {
    super(scope, id, props);
    this.baseline = new MemberBaseline(this, 'Baseline', { config: props.config });
  }
}
