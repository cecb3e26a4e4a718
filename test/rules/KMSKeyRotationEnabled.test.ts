import * as kms from 'aws-cdk-lib/aws-kms';
import { KMSKeyRotationEnabled } from '../../rules/KMSKeyRotationEnabled';
import { evaluate, ruleStack } from '../helpers/rules';

const check = (resource: kms.CfnKey) => evaluate(KMSKeyRotationEnabled, resource);
const l1 = (key: kms.Key) => key.node.defaultChild as kms.CfnKey;

describe('HIPAABaseline-KMSKeyRotationEnabled', () => {
  test('non-compliant: L2 symmetric key without rotation', () => {
    expect(check(l1(new kms.Key(ruleStack(), 'K')))).toBe('non-compliant');
  });

  test('non-compliant: rotation switched off by a property override', () => {
    const key = new kms.Key(ruleStack(), 'K', { enableKeyRotation: true });
    l1(key).addPropertyOverride('EnableKeyRotation', false);
    expect(check(l1(key))).toBe('non-compliant');
  });

  test('non-compliant: raw L1 key without EnableKeyRotation', () => {
    expect(check(new kms.CfnKey(ruleStack(), 'K', { keyPolicy: {} }))).toBe('non-compliant');
  });

  test('compliant: L2 key with rotation', () => {
    expect(check(l1(new kms.Key(ruleStack(), 'K', { enableKeyRotation: true })))).toBe('compliant');
  });

  test('compliant: raw L1 key with rotation', () => {
    expect(check(new kms.CfnKey(ruleStack(), 'K', { keyPolicy: {}, enableKeyRotation: true }))).toBe('compliant');
  });

  test('not applicable: asymmetric key (KMS cannot rotate it)', () => {
    const key = new kms.Key(ruleStack(), 'K', { keySpec: kms.KeySpec.RSA_2048, keyUsage: kms.KeyUsage.SIGN_VERIFY });
    expect(check(l1(key))).toBe('not-applicable');
  });
});
