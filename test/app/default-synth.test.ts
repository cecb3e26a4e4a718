import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultTemplateJson } from '../helpers/assembly';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';

const STACKS = ['LogArchive', 'SecurityTooling', 'DisasterRecovery', 'WorkloadData', 'Network', 'AiWorkloads'];

describe('default baseline (npx cdk synth, offline)', () => {
  test('synthesizes the stacks by role', () => {
    const manifest = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'manifest.json'), 'utf8'));
    const stacks = Object.entries(manifest.artifacts)
      .filter(([, a]: [string, any]) => a.type === 'aws:cloudformation:stack')
      .map(([id]) => id);
    expect(stacks.sort()).toEqual([...STACKS].sort());
  });

  test('the gate reports no unacknowledged error, and warns that the default names nobody to alert', () => {
    const report = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'validation-report.json'), 'utf8'));
    const violations = report.pluginReports.flatMap((r: any) => r.violations ?? r.conditions ?? []);
    expect(violations.map((v: any) => [v.ruleName, v.severity])).toEqual([
      ['HIPAABaseline-AlertTopicHasSubscriber', 'warning'],
    ]);
  });

  test('the DR stack is deployed to the DR region, before the workload data stack', () => {
    const manifest = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'manifest.json'), 'utf8'));
    expect(manifest.artifacts.DisasterRecovery.environment).toBe('aws://unknown-account/us-west-2');
    expect(manifest.artifacts.WorkloadData.dependencies).toContain('DisasterRecovery');
  });

  test('every data-holding resource is retained (named buckets except by the rollback of their own creation)', () => {
    for (const stack of STACKS) {
      for (const resource of Object.values(defaultTemplateJson(stack).Resources) as any[]) {
        if (['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::Logs::LogGroup'].includes(resource.Type)) {
          const named = resource.Type === 'AWS::S3::Bucket' && resource.Properties.BucketName !== undefined;
          expect(resource.DeletionPolicy).toBe(named ? 'RetainExceptOnCreate' : 'Retain');
          expect(resource.UpdateReplacePolicy).toBe('Retain');
        }
      }
    }
  });

  test.each(STACKS)('%s matches its snapshot (asset hashes and CDK version normalised)', (stack) => {
    expect(defaultTemplateJson(stack)).toMatchSnapshot();
  });
});
