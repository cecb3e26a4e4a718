import * as config from 'aws-cdk-lib/aws-config';
import { ConfigRecorderAllResourceTypes } from '../../rules/ConfigRecorderAllResourceTypes';
import { evaluate, ruleStack } from '../helpers/rules';

const recorder = (recordingGroup?: config.CfnConfigurationRecorder.RecordingGroupProperty) =>
  new config.CfnConfigurationRecorder(ruleStack(), 'R', {
    roleArn: 'arn:aws:iam::123456789012:role/r',
    recordingGroup,
  });
const check = (resource: config.CfnConfigurationRecorder) => evaluate(ConfigRecorderAllResourceTypes, resource);

describe('HIPAABaseline-ConfigRecorderAllResourceTypes', () => {
  test('non-compliant: no recording group', () => {
    expect(check(recorder())).toBe('non-compliant');
  });

  test('non-compliant: a list of resource types only', () => {
    expect(check(recorder({ allSupported: false, resourceTypes: ['AWS::S3::Bucket'] }))).toBe('non-compliant');
  });

  test('non-compliant: all supported, but a strategy excluding types', () => {
    const group = {
      allSupported: true,
      recordingStrategy: { useOnly: 'EXCLUSION_BY_RESOURCE_TYPES' },
      exclusionByResourceTypes: { resourceTypes: ['AWS::KMS::Key'] },
    };
    expect(check(recorder(group))).toBe('non-compliant');
  });

  test('non-compliant: AllSupported switched off by a property override', () => {
    const resource = recorder({ allSupported: true });
    resource.addPropertyOverride('RecordingGroup.AllSupported', false);
    expect(check(resource)).toBe('non-compliant');
  });

  test('compliant: all supported types', () => {
    expect(check(recorder({ allSupported: true, includeGlobalResourceTypes: true }))).toBe('compliant');
  });

  test('compliant: all supported types with the matching strategy', () => {
    const group = { allSupported: true, recordingStrategy: { useOnly: 'ALL_SUPPORTED_RESOURCE_TYPES' } };
    expect(check(recorder(group))).toBe('compliant');
  });
});
