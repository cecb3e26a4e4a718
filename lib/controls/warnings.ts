import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Settings the configuration allows but that are weaker than the baseline. Each is reported as a synth
 * warning with a namespaced id, so it is visible and can be acknowledged (with a reason) where intended.
 */
export const BASELINE_WARNINGS: ReadonlyMap<string, string> = new Map([
  [
    'HIPAABaseline-ObjectLockGovernanceMode',
    'Audit logs use Object Lock GOVERNANCE mode: principals with s3:BypassGovernanceRetention can delete them early. Use COMPLIANCE for immutable logs.',
  ],
  [
    'HIPAABaseline-WeakPasswordPolicy',
    'The IAM password policy is weaker than the baseline (length 14, 24 remembered, 90 days, every character class).',
  ],
  [
    'HIPAABaseline-BackupVaultLockGovernanceMode',
    'The backup vault lock is in GOVERNANCE mode: principals with backup:DeleteBackupVaultLockConfiguration can remove it and then delete recovery points. Use COMPLIANCE for immutable backups.',
  ],
  [
    'HIPAABaseline-DeidentificationUnavailable',
    'The de-identification pipeline is not deployed: by default it goes only where it can reach Amazon Comprehend Medical. Fix what the detail names (dataProtection.deidentification.comprehendMedicalRegion, .environment, or the environment egress), or set enabled: false to confirm.',
  ],
]);

/** Emits one of the registered baseline warnings on a construct. */
export function warn(scope: IConstruct, id: string, detail?: string): void {
  const message = BASELINE_WARNINGS.get(id);
  if (!message) throw new Error(`unregistered baseline warning ${id}`);
  Validations.of(scope).addWarning(id, detail ? `${message} ${detail}` : message);
}
