// Small hand-made AWS Config data for the evidence tests.
import type { FakeEvaluation, FakeRule } from './config-server';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';

/** `count` evaluations of one resource type, the first `failing` of them NON_COMPLIANT. */
export function evaluations(
  count: number,
  failing: number,
  id: (i: number) => string = (i) => `bucket-${String(i).padStart(5, '0')}`,
  where: { accountId: string; region: string } = { accountId: ACCOUNT, region: REGION },
): FakeEvaluation[] {
  return Array.from({ length: count }, (_, i) => ({
    ...where,
    resourceType: 'AWS::S3::Bucket',
    resourceId: id(i),
    compliance: i < failing ? 'NON_COMPLIANT' : 'COMPLIANT',
  }));
}

export const managed = (name: string, identifier: string, evals: FakeEvaluation[]): FakeRule => ({
  name,
  sourceIdentifier: identifier,
  evaluations: evals,
});

/** Resource ids as AWS Config reports them: ARNs with slashes, names with spaces, non-ASCII text. */
export const AWKWARD_IDS = [
  'arn:aws:iam::123456789012:role/service-role/My Role',
  'données-santé/Überweisung 2026',
  '患者-記録 / バケット',
  'name with  two  spaces',
  'emoji-🩺-bucket',
];
