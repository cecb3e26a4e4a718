/**
 * HIPAABaseline-GuardDutyDetectorEnabled — GuardDuty detectors are enabled, so threat detection reviews
 * account activity continuously. A detector resource with `Enable: false` looks like coverage but
 * watches nothing.
 *
 * Scenarios:
 * - non-compliant: Enable false (also via override); Enable given as an unresolvable intrinsic
 * - compliant: Enable true
 * - not applicable: other resource types
 */
import { isIntrinsic, type OwnRule } from './rule';

export const GuardDutyDetectorEnabled: OwnRule = {
  id: 'GuardDutyDetectorEnabled',
  level: 'error',
  info: 'The GuardDuty detector is not enabled.',
  explanation:
    'A disabled detector produces no findings, so no suspicious activity or log-in is reviewed or alerted on. ' +
    'Set Enable: true.',
  citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.308(a)(6)(ii)', '164.312(b)'],
  configRules: ['GUARDDUTY_ENABLED_CENTRALIZED'],
  check(resource) {
    if (resource.Type !== 'AWS::GuardDuty::Detector') return 'not-applicable';
    const enable = resource.Properties?.Enable;
    if (isIntrinsic(enable)) return 'non-compliant';
    return enable === true || enable === 'true' ? 'compliant' : 'non-compliant';
  },
};
