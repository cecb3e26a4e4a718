/**
 * A CDK app of your own that uses hipaa-baseline as a library: a PHI bucket with its key and access-log
 * bucket, a locked backup vault, and the baseline's gate (cdk-nag HIPAA Security + AWS Solutions + the
 * baseline's own rules) over everything in the app. `npx cdk synth` fails on any unacknowledged finding.
 */
import { App, Stack } from 'aws-cdk-lib';
import {
  AccessLogBucket,
  acknowledge,
  BaselineKey,
  PhiBackupVault,
  PhiBucket,
  parseConfig,
  registerGate,
} from 'hipaa-baseline';

const app = new App();
const config = parseConfig({ namePrefix: 'clinic' });
const stack = new Stack(app, 'ClinicRecords', { env: { account: '111122223333', region: 'us-east-1' } });

const dataKey = new BaselineKey(stack, 'DataKey', { purpose: 'data', namePrefix: config.namePrefix });
const backupKey = new BaselineKey(stack, 'BackupKey', { purpose: 'backup', namePrefix: config.namePrefix });
const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { retentionDays: 2190 });
const records = new PhiBucket(stack, 'Records', { encryptionKey: dataKey.key, accessLogBucket: accessLogs });
// A finding you accept is acknowledged on the construct, with the reason auditors will read.
acknowledge(
  records,
  'HIPAA.Security-S3BucketReplicationEnabled',
  'Example app: recovery relies on the backup vault below; production buckets replicate to the DR region.',
);
new PhiBackupVault(stack, 'Vault', {
  vaultName: 'clinic-records',
  encryptionKey: backupKey.key,
  lockMode: 'GOVERNANCE',
  minRetentionDays: 35,
  maxRetentionDays: 2190,
});

registerGate(app, config);
app.synth();
