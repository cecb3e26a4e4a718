// Deterministic AWS Config data for the evidence tests and bench: rules named like the managed rules of the
// registry, evaluations spread unevenly over them, a share NON_COMPLIANT.
import { configRules } from '../../lib/controls/config-rules';
import type { FakeEvaluation, FakeRule } from './config-server';

/** A small seeded PRNG (mulberry32) so generated accounts are identical run to run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedAccount {
  readonly rules: FakeRule[];
  readonly evaluations: number;
  readonly nonCompliant: number;
}

/**
 * `ruleCount` managed rules (the registry's, in order) sharing `evaluationCount` evaluations with a long-tailed
 * spread; about a third of the rules fail on some resources, a few have no evaluations (INSUFFICIENT_DATA).
 */
export function generateAccount(ruleCount: number, evaluationCount: number, seed = 7): GeneratedAccount {
  const next = random(seed);
  const known = [...configRules().values()];
  const weights = Array.from({ length: ruleCount }, (_, i) => (i % 17 === 16 ? 0 : 1 / (1 + (i % 23)) + next()));
  const total = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((w / total) * evaluationCount));
  counts[0] += evaluationCount - counts.reduce((a, b) => a + b, 0);
  let nonCompliant = 0;
  const rules = counts.map((count, i): FakeRule => {
    const info = known[i % known.length];
    const name = i < known.length ? info.name : `${info.name}-${Math.floor(i / known.length)}`;
    const failShare = i % 3 === 0 ? 0.1 + next() * 0.5 : 0;
    const evaluations = Array.from({ length: count }, (_, j): FakeEvaluation => {
      const failing = next() < failShare;
      if (failing) nonCompliant += 1;
      return {
        accountId: '123456789012',
        region: 'us-east-1',
        resourceType: 'AWS::S3::Bucket',
        resourceId: `${name}/resource ${j}`,
        compliance: failing ? 'NON_COMPLIANT' : i % 29 === 28 ? 'NOT_APPLICABLE' : 'COMPLIANT',
      };
    });
    return { name, sourceIdentifier: info.identifier, evaluations };
  });
  return { rules, evaluations: evaluationCount, nonCompliant };
}
