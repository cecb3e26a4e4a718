import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BaselineKey } from '../constructs/baseline-key';
import type { BaselineStackProps } from './baseline-stack-props';

/**
 * Security tooling role: detection, alerting and automated response. In a multi-account organisation this
 * stack belongs in the security-tooling (audit) account.
 */
export class SecurityToolingStack extends Stack {
  /** Key encrypting alert topics and queues. */
  public readonly alertsKey: BaselineKey;

  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id, props);
    this.alertsKey = new BaselineKey(this, 'AlertsKey', { purpose: 'alerts', namePrefix: props.config.namePrefix });
  }
}
