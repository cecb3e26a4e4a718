/**
 * HIPAABaseline-ConfigRecorderAllResourceTypes — the AWS Config configuration recorder records every
 * supported resource type, so configuration history and the Config rules cover all resources.
 *
 * Scenarios:
 * - non-compliant: RecordingGroup missing; AllSupported false or missing; a recording strategy that
 *   includes or excludes a list of types
 * - compliant: AllSupported true (with no strategy, or the ALL_SUPPORTED_RESOURCE_TYPES strategy)
 * - not applicable: other resource types
 */
import type { OwnRule } from './rule';

export const ConfigRecorderAllResourceTypes: OwnRule = {
  id: 'ConfigRecorderAllResourceTypes',
  level: 'error',
  info: 'The AWS Config recorder does not record every supported resource type.',
  explanation:
    'Resources AWS Config does not record have no configuration history and escape every Config rule. ' +
    'Set RecordingGroup.AllSupported: true (ConfigRecording does so).',
  citations: ['164.308(a)(1)(ii)(D)', '164.308(a)(8)', '164.312(b)'],
  check(resource) {
    if (resource.Type !== 'AWS::Config::ConfigurationRecorder') return 'not-applicable';
    const group = resource.Properties?.RecordingGroup;
    const allSupported = group?.AllSupported === true || group?.AllSupported === 'true';
    const strategy = group?.RecordingStrategy?.UseOnly;
    return allSupported && (strategy === undefined || strategy === 'ALL_SUPPORTED_RESOURCE_TYPES')
      ? 'compliant'
      : 'non-compliant';
  },
};
