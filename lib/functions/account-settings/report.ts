/**
 * What an invocation did, setting by setting, and how that becomes the CloudFormation answer: the status
 * (FAILED when any requested setting failed on Create or Update; Delete always SUCCESS), a one-line reason,
 * and `Data` — flat string values, so each can be read with Fn::GetAtt:
 * - `<Setting>`: the outcome of each setting (`applied`, `unchanged`, `enabling`, `failed`, `not-requested`,
 *   on Delete `left-in-place`; `cancelled` for the classification job on Delete or when an Update removes it);
 * - `Account`, `Region`; `EbsDefaultKmsKeyId`; `InspectorStatus` (`EC2=ENABLED ECR=ENABLING …`);
 *   `MacieClassificationJobId`, `MacieClassificationJobStatus`, `MacieCancelledJobIds`; `GuardDutyDetectorId`,
 *   `GuardDutyFindingsExport` (the bucket the detector exports to).
 */
import type { RequestType } from './event';

export const SETTINGS = [
  'PasswordPolicy',
  'EbsEncryptionByDefault',
  'S3AccountPublicAccessBlock',
  'Inspector',
  'MacieAutomatedDiscovery',
  'MacieClassificationJob',
  'GuardDuty',
  'SecurityHubStandards',
] as const;
export type SettingName = (typeof SETTINGS)[number];

export type Outcome =
  | 'applied' // changed now
  | 'unchanged' // already as requested: no change was made
  | 'enabling' // asked for and accepted, still being switched on by the service (Inspector)
  | 'failed'
  | 'not-requested' // absent from the properties: left as it is
  | 'left-in-place' // Delete: the setting stays
  | 'cancelled'; // Delete, or an Update that removes it: the classification job of this resource was cancelled

export interface SettingReport {
  readonly setting: SettingName;
  readonly outcome: Outcome;
  /** One line saying what was found and done. */
  readonly detail: string;
  /** `Step: Code: message` of the call that failed. */
  readonly error?: string;
  /** Values added to the response's Data. */
  readonly data?: Readonly<Record<string, string>>;
}

export interface Summary {
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason: string;
  readonly data: Record<string, string>;
}

export function notRequested(setting: SettingName): SettingReport {
  return { setting, outcome: 'not-requested', detail: 'not in the properties: left as it is' };
}

export function summarize(
  requestType: RequestType,
  reports: readonly SettingReport[],
  where: { readonly account: string; readonly region: string },
): Summary {
  const data: Record<string, string> = { Account: where.account, Region: where.region };
  for (const report of reports) Object.assign(data, { [report.setting]: report.outcome }, report.data);
  const failed = reports.filter((r) => r.outcome === 'failed');
  const done = reports.filter((r) => r.outcome !== 'failed' && r.outcome !== 'not-requested');
  const doneText = done.map((r) => `${r.setting} ${r.outcome}`).join(', ') || 'none';
  if (requestType !== 'Delete' && failed.length > 0) {
    const failures = failed.map((r) => `${r.setting}: ${r.error ?? r.detail}`).join('; ');
    return { status: 'FAILED', reason: `${failed.length} setting(s) failed: ${failures} | done: ${doneText}`, data };
  }
  if (requestType === 'Delete') {
    const problems = failed.map((r) => `${r.setting}: ${r.error ?? r.detail}`).join('; ');
    const reason = `Delete: account settings left in place; ${doneText}${problems ? ` | not done: ${problems}` : ''}`;
    return { status: 'SUCCESS', reason, data };
  }
  return { status: 'SUCCESS', reason: `${requestType}: ${doneText}`, data };
}
