/**
 * The synth gate follows the member template: an insecure resource added to the StackSet's template (a
 * file asset, not a stack of the assembly) fails `cdk synth` like one in any stack.
 */
import { readFileSync } from 'node:fs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { buildOrganization } from '../../lib/app/build-organization';
import { parseConfig } from '../../lib/config/load';
import { organizationMode } from '../../lib/stacks/organization-stack-props';
import { testApp } from '../helpers/app';
import { ORGANIZATION_CONFIG } from '../helpers/paths';

test('an unencrypted bucket in the member template fails synth, named at its path in the template', () => {
  const app = testApp();
  const config = organizationMode(parseConfig(JSON.parse(readFileSync(ORGANIZATION_CONFIG, 'utf8'))))!;
  const stacks = buildOrganization(app, config);
  new s3.CfnBucket(stacks.management.memberBaseline.template, 'InjectedBucket');
  let message = '';
  try {
    app.synth();
  } catch (error) {
    message = (error as Error).message;
  }
  const path = stacks.management.memberBaseline.template.node.path;
  expect(message).toMatch(
    new RegExp(
      `${path}/InjectedBucket [^\\n]*\\n\\s+Acknowledge with '[^']*::HIPAA\\.Security-S3DefaultEncryptionKMS'`,
    ),
  );
  expect(message).toMatch(
    new RegExp(`${path}/InjectedBucket [^\\n]*\\n\\s+Acknowledge with '[^']*::HIPAABaseline-StatefulResourceRetained'`),
  );
});
