/**
 * HIPAABaseline-KMSKeyRotationEnabled — symmetric customer-managed KMS keys rotate their key material.
 *
 * Scenarios:
 * - non-compliant: symmetric key without EnableKeyRotation; EnableKeyRotation false (also via override)
 * - compliant: symmetric key with EnableKeyRotation true
 * - not applicable: asymmetric and HMAC keys (KMS cannot rotate them); other resource types
 */
import type { OwnRule } from './rule';

export const KMSKeyRotationEnabled: OwnRule = {
  id: 'KMSKeyRotationEnabled',
  level: 'error',
  info: 'The symmetric customer-managed KMS key does not have automatic key rotation enabled.',
  explanation:
    'Rotating key material limits the data encrypted under one key version. Set enableKeyRotation: true ' +
    '(BaselineKey does so by default).',
  citations: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'],
  configRules: ['CMK_BACKING_KEY_ROTATION_ENABLED'],
  check(resource) {
    if (resource.Type !== 'AWS::KMS::Key') return 'not-applicable';
    const props = resource.Properties ?? {};
    const spec = props.KeySpec ?? 'SYMMETRIC_DEFAULT';
    if (spec !== 'SYMMETRIC_DEFAULT' || (props.KeyUsage ?? 'ENCRYPT_DECRYPT') !== 'ENCRYPT_DECRYPT') {
      return 'not-applicable';
    }
    return props.EnableKeyRotation === true || props.EnableKeyRotation === 'true' ? 'compliant' : 'non-compliant';
  },
};
