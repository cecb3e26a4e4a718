import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { BaselineKey } from '../constructs/baseline-key';
import type { BaselineStackProps } from './baseline-stack-props';

/** Workload data role: the keys for PHI data and backups, and the resources that hold PHI. */
export class WorkloadDataStack extends Stack {
  /** Key encrypting PHI at rest. */
  public readonly dataKey: BaselineKey;
  /** Key encrypting backup vaults. */
  public readonly backupKey: BaselineKey;

  constructor(scope: Construct, id: string, props: BaselineStackProps) {
    super(scope, id, props);
    const prefix = props.config.namePrefix;
    this.dataKey = new BaselineKey(this, 'DataKey', { purpose: 'data', namePrefix: prefix });
    this.backupKey = new BaselineKey(this, 'BackupKey', { purpose: 'backup', namePrefix: prefix });
  }
}
