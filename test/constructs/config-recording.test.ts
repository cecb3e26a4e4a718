import { defaultTemplate } from '../helpers/assembly';

describe('ConfigRecording (default baseline)', () => {
  const template = defaultTemplate('LogArchive');

  test('records every supported resource type, global ones included, continuously', () => {
    template.hasResourceProperties('AWS::Config::ConfigurationRecorder', {
      RecordingGroup: { AllSupported: true, IncludeGlobalResourceTypes: true },
      RecordingMode: { RecordingFrequency: 'CONTINUOUS' },
    });
  });

  test('delivers to the Config history bucket (no Object Lock) with the logs key, after the recorder and its policy', () => {
    const channels = Object.values(template.findResources('AWS::Config::DeliveryChannel')) as any[];
    expect(channels).toHaveLength(1);
    expect(channels[0].Properties).toMatchObject({
      S3BucketName: { Ref: expect.stringMatching(/^ConfigHistory/) },
      S3KeyPrefix: 'config',
      S3KmsKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/^LogsKey/), 'Arn'] },
    });
    // PutDeliveryChannel tests a write with the recorder's role: the role's policy must exist first.
    expect(channels[0].DependsOn).toEqual([
      expect.stringMatching(/^ConfigRecordingDeliveryPolicy/),
      expect.stringMatching(/^ConfigRecordingRecorder/),
    ]);
  });

  test('the recorder role is assumable by AWS Config of this account only', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Principal: { Service: 'config.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
    });
  });
});
