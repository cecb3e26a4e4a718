import { configRules } from '../../lib/controls/config-rules';
import { readTsv } from '../../lib/controls/tsv';
import { findRule, ruleRegistry } from '../../lib/controls/rule-registry';
import { OWN_RULES } from '../../rules';

describe('rule registry', () => {
  const rules = [...ruleRegistry().values()];

  test('holds every rule of the cdk-nag HIPAA Security pack, with the citations of the data file', () => {
    const hipaa = rules.filter((r) => r.pack === 'HIPAA.Security');
    const rows = readTsv('cdk-nag-hipaa-rules.tsv');
    expect(hipaa.map((r) => r.id).sort()).toEqual(rows.map((r) => r.rule_id).sort());
    expect(hipaa.every((r) => r.citations.length > 0)).toBe(true);
    expect(findRule('HIPAA.Security-S3DefaultEncryptionKMS')?.citations).toEqual([
      '164.312(a)(2)(iv)',
      '164.312(e)(2)(ii)',
    ]);
  });

  test('holds the AWS Solutions pack as the library describes it', () => {
    expect(rules.filter((r) => r.pack === 'AwsSolutions').length).toBeGreaterThan(100);
    expect(findRule('AwsSolutions-KMS5')?.level).toBe('error');
  });

  test('holds every own rule under the HIPAABaseline prefix with its citations', () => {
    for (const rule of OWN_RULES) {
      const entry = findRule(`HIPAABaseline-${rule.id}`);
      expect(entry?.citations.length).toBeGreaterThan(0);
    }
  });

  test('holds the template-only rules of check and of the guard, marked as such', () => {
    for (const id of [
      'AcknowledgementReason',
      'TemplateLoadable',
      'StatefulResourceReplaced',
      'StatefulResourceRemoved',
    ]) {
      expect(findRule(`HIPAABaseline-${id}`)).toMatchObject({
        pack: 'HIPAABaseline',
        level: 'error',
        templateOnly: true,
      });
    }
    expect(findRule('HIPAABaseline-StatefulResourceRemoved[BucketAB12CD34]')?.citations).toContain('164.310(d)(2)(iv)');
    expect(findRule('HIPAABaseline-KMSKeyRotationEnabled')?.templateOnly).toBeUndefined();
  });

  test('finds a rule from a finding id with a [finding] suffix', () => {
    expect(findRule('AwsSolutions-IAM5[Resource::*]')?.id).toBe('AwsSolutions-IAM5');
    expect(findRule('AwsSolutions-NOPE')).toBeUndefined();
  });
});

describe('rule registry ↔ AWS Config registry', () => {
  test('every Config rule a synth-time rule names is a known managed rule', () => {
    const unknown = [...ruleRegistry().values()].flatMap((rule) =>
      rule.configRules.filter((id) => !configRules().has(id)),
    );
    expect(unknown).toEqual([]);
  });
});
