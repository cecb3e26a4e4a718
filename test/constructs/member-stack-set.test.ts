/**
 * MemberStackSet: the StackSet's template is a stack of the app synthesized as a file asset of its parent
 * (not an artifact), the synth gate judges its resources like any stack's, its control declarations reach
 * the parent's metadata, and it refuses assets (member accounts cannot read the management account's bucket).
 */
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { registerGate } from '../../lib/app/gate';
import { parseConfig } from '../../lib/config/load';
import { MEMBER_TEMPLATE_PATH_METADATA_KEY, MemberStackSet } from '../../lib/constructs/member-stack-set';
import { CONTROLS_METADATA_TYPE, declareControls } from '../../lib/controls/declare';
import { testApp } from '../helpers/app';

const props = {
  stackSetName: 'test-members',
  description: 'test member baseline',
  organizationalUnitIds: ['ou-ab12-11111111'],
  regions: ['us-east-1', 'eu-west-1'],
  retainStacksOnAccountRemoval: true,
};

function parentWithMembers() {
  const app = testApp();
  const parent = new Stack(app, 'Parent', { env: { account: '111111111111', region: 'us-east-1' } });
  const members = new MemberStackSet(parent, 'Members', props);
  return { app, parent, members };
}

describe('MemberStackSet', () => {
  test('GIVEN a member template WHEN synthesized THEN it is a file asset of the parent, not a stack artifact', () => {
    const { app, members } = parentWithMembers();
    const bucket = new s3.CfnBucket(members.template, 'Bucket');
    declareControls(bucket, { citations: ['164.312(b)'], statement: 'A test declaration in the member template.' });
    const assembly = app.synth();
    expect(assembly.stacks.map((stack) => stack.id)).toEqual(['Parent']);

    const parent = assembly.getStackByName('Parent');
    const stackSet = Object.values(parent.template.Resources as Record<string, any>).find(
      (r) => r.Type === 'AWS::CloudFormation::StackSet',
    );
    expect(stackSet.Metadata[MEMBER_TEMPLATE_PATH_METADATA_KEY]).toBe('Parent/Members/Template');
    const assets = JSON.parse(readFileSync(join(assembly.directory, 'Parent.assets.json'), 'utf8')).files;
    const [hash, asset] = Object.entries(assets as Record<string, any>).find(([, a]) =>
      a.source.path.endsWith('.stackset.json'),
    )!;
    expect(JSON.stringify(stackSet.Properties.TemplateURL)).toContain(`${hash}.json`);
    const member = JSON.parse(readFileSync(join(assembly.directory, asset.source.path), 'utf8'));
    expect(Object.values(member.Resources as Record<string, any>).map((r) => r.Type)).toEqual(['AWS::S3::Bucket']);

    // The declaration reaches the parent's metadata, under the member template's path.
    expect(parent.findMetadataByType(CONTROLS_METADATA_TYPE).map((entry) => entry.path)).toEqual([
      '/Parent/Members/Template/Bucket',
    ]);
  });

  test('GIVEN Lambda code in the member template THEN building it fails naming the template', () => {
    const { members } = parentWithMembers();
    const withCode = () =>
      new lambda.Function(members.template, 'Fn', {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromAsset(join(__dirname)),
      });
    expect(withCode).toThrow(/Parent\/Members\/Template: a StackSet member template cannot hold file assets/);
  });

  test('GIVEN an insecure resource in the member template THEN the synth gate fails on it', () => {
    const { app, members } = parentWithMembers();
    new s3.CfnBucket(members.template, 'UnencryptedBucket');
    registerGate(app, parseConfig({}));
    expect(() => app.synth()).toThrow(
      /Parent\/Members\/Template\/UnencryptedBucket[^\n]*\n\s+Acknowledge with '[^']*::HIPAA\.Security-S3DefaultEncryptionKMS'/,
    );
  });
});
