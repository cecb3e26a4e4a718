import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { registerGate } from '../../lib/app/gate';
import { parseConfig } from '../../lib/config/load';
import { testApp } from '../helpers/app';

describe('the synth gate is live', () => {
  let message = '';

  beforeAll(() => {
    const app = testApp();
    const stack = new Stack(app, 'Insecure');
    new s3.CfnBucket(stack, 'UnencryptedBucket');
    new kms.Key(stack, 'StaticKey', { enableKeyRotation: false });
    const overridden = new kms.Key(stack, 'OverriddenKey', { enableKeyRotation: true });
    (overridden.node.defaultChild as kms.CfnKey).addPropertyOverride('EnableKeyRotation', false);
    new iam.ManagedPolicy(stack, 'UnguardedModels', {
      statements: [
        new iam.PolicyStatement({
          actions: ['bedrock:InvokeModel'],
          resources: ['arn:aws:bedrock:us-east-1::foundation-model/*'],
        }),
      ],
    });
    registerGate(app, parseConfig({}));
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
  });

  /** The finding of `rule` on the resource at `path`, as the validation report prints it. */
  const finding = (path: string, rule: string) =>
    new RegExp(`${path}(/Resource)? [^\\n]*\\n\\s+Acknowledge with '[^']*::${rule.replace(/\./g, '\\.')}'`);

  test('synth fails with a report', () => {
    expect(message).toMatch(/^ERROR /m);
  });

  test('an unencrypted bucket fails with the HIPAA encryption rule', () => {
    expect(message).toMatch(finding('Insecure/UnencryptedBucket', 'HIPAA.Security-S3DefaultEncryptionKMS'));
  });

  test('a key without rotation fails with the own rule', () => {
    expect(message).toMatch(finding('Insecure/StaticKey', 'HIPAABaseline-KMSKeyRotationEnabled'));
  });

  test('the own rule sees rotation switched off by an escape hatch', () => {
    expect(message).toMatch(finding('Insecure/OverriddenKey', 'HIPAABaseline-KMSKeyRotationEnabled'));
    expect(message).not.toMatch(finding('Insecure/OverriddenKey', 'AwsSolutions-KMS5'));
  });

  test('a bucket that is not retained fails with the own retention rule', () => {
    expect(message).toMatch(finding('Insecure/UnencryptedBucket', 'HIPAABaseline-StatefulResourceRetained'));
  });

  test('a policy invoking Bedrock models without the guardrail condition fails with the own rule', () => {
    expect(message).toMatch(
      /Insecure\/UnguardedModels\/Resource [^\n]*\n\s+Acknowledge with '[^']*::HIPAABaseline-BedrockInvokeRequiresGuardrail\[PolicyDocument\.Statement0\]'/,
    );
  });
});
