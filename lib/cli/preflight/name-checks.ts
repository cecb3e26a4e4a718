/** The check that every physical name the baseline fixes is free, or this account's leftover to adopt. */
import type { FixedName, FixedNameKind } from './fixed-names';
import type { Snapshot } from './snapshot';
import { action, failuresOf, ready, unknownResult, type CheckResult } from './types';

const LABEL: Record<FixedNameKind, string> = {
  bucket: 'bucket',
  'backup-vault': 'backup vault',
  trail: 'trail',
  'iam-role': 'IAM role',
  'iam-policy': 'IAM policy',
  'kms-alias': 'KMS alias',
  'config-aggregator': 'Config aggregator',
};

const REGIONAL: readonly FixedNameKind[] = ['backup-vault', 'kms-alias', 'trail', 'config-aggregator'];

export const describeName = (n: FixedName) =>
  `${LABEL[n.kind]} ${n.name}${REGIONAL.includes(n.kind) ? ` (${n.region})` : ''}`;

export const ADOPT_COMMAND = 'npx cdk deploy --all --import-existing-resources';

export function buildFixedNames(snapshot: Snapshot): CheckResult {
  const check = 'fixed-names';
  if (!snapshot.names) {
    return unknownResult(check, failuresOf(snapshot.identity), 'the names contain the account id');
  }
  const names = snapshot.names;
  const ours = names.filter((n) => n.state.ok && n.state.value === 'this-account').map((n) => describeName(n.name));
  const theirs = names.filter((n) => n.state.ok && n.state.value === 'other-account').map((n) => describeName(n.name));
  const found = [
    ...(ours.length > 0 ? [`this account already has ${ours.join(', ')}`] : []),
    ...(theirs.length > 0 ? [`another account owns ${theirs.join(', ')}`] : []),
  ];
  const fixes = [
    ...(ours.length > 0
      ? [`adopt them with ${ADOPT_COMMAND}, or delete them (buckets and vaults only when empty)`]
      : []),
    ...(theirs.length > 0 ? ['change "namePrefix" (bucket names are global and these are taken)'] : []),
  ];
  const failures = failuresOf(...names.map((n) => n.state));
  if (failures.length > 0) {
    const result = unknownResult(check, failures, found.join('; '));
    return { ...result, fix: fixes.join('; ') };
  }
  if (found.length === 0) return ready(check, `all ${names.length} fixed names are free`);
  return action(check, found.join('; '), fixes.join('; '));
}
