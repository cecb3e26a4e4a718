/**
 * The StackSet's member template (organisation mode) is a file asset of the management stack, not a stack
 * of the assembly: `check` and the stateful guard read it through the asset manifest, judge it like a stack
 * (an insecure resource injected into it fails check), and compare it with the baseline assembly's.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkPaths, cli, removeResource, ruleAndResource, tempDir } from '../../helpers/check';
import { ORGANIZATION_ASSEMBLY } from '../../helpers/paths';

const management = JSON.parse(readFileSync(join(ORGANIZATION_ASSEMBLY, 'Management.template.json'), 'utf8'));
const [stackSetId] = Object.entries(management.Resources as Record<string, any>).find(
  ([, r]) => r.Type === 'AWS::CloudFormation::StackSet',
)!;
const MEMBER = `Management/${stackSetId}`;
const assets = JSON.parse(readFileSync(join(ORGANIZATION_ASSEMBLY, 'Management.assets.json'), 'utf8')).files;
const memberFile = (Object.values(assets) as any[]).find((a) => a.source.path.endsWith('.stackset.json')).source
  .path as string;

/** A copy of the organisation assembly with the member template (and the management template) changed. */
function changedOrganization(mutate: (member: any, management: any) => void): string {
  const dir = tempDir('org-assembly-');
  cpSync(ORGANIZATION_ASSEMBLY, dir, { recursive: true });
  const member = JSON.parse(readFileSync(join(dir, memberFile), 'utf8'));
  const parent = structuredClone(management);
  mutate(member, parent);
  writeFileSync(join(dir, memberFile), JSON.stringify(member));
  writeFileSync(join(dir, 'Management.template.json'), JSON.stringify(parent));
  return dir;
}

const errors = (dir: string, baseline?: string) =>
  checkPaths([dir], baseline).findings.filter((f) => f.severity === 'error');

describe('check reads the StackSet member template', () => {
  test('the synthesized organisation: the member template is checked with the stacks, and passes', () => {
    const result = checkPaths([ORGANIZATION_ASSEMBLY]);
    expect(result.templates).toContainEqual({ name: MEMBER, file: join(ORGANIZATION_ASSEMBLY, memberFile) });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('an insecure bucket injected into the member template fails check, named in the member template', () => {
    const dir = changedOrganization((member) => {
      member.Resources.InjectedBucket = { Type: 'AWS::S3::Bucket' };
    });
    const found = errors(dir);
    expect(found.map((f) => `${f.template} ${f.rule} ${f.logicalId}`)).toEqual(
      expect.arrayContaining([
        `${MEMBER} HIPAABaseline-S3BucketPublicAccessBlocked InjectedBucket`,
        `${MEMBER} HIPAABaseline-StatefulResourceRetained InjectedBucket`,
      ]),
    );
    expect(found.every((f) => f.template === MEMBER)).toBe(true);
    const run = cli(['check', dir]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('InjectedBucket');
  });

  test('an inline TemplateBody is judged too', () => {
    const dir = changedOrganization((_member, parent) => {
      const properties = parent.Resources[stackSetId].Properties;
      delete properties.TemplateURL;
      properties.TemplateBody = JSON.stringify({ Resources: { Inline: { Type: 'AWS::S3::Bucket' } } });
    });
    expect(ruleAndResource(checkPaths([dir]))).toContain('HIPAABaseline-S3BucketPublicAccessBlocked Inline');
  });

  test('a StackSet whose template the assembly does not hold is an error, not a pass', () => {
    const dir = changedOrganization((_member, parent) => {
      parent.Resources[stackSetId].Properties.TemplateURL = 'https://example-bucket.s3.amazonaws.com/elsewhere.json';
    });
    const run = cli(['check', dir]);
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toMatch(
      new RegExp(`StackSet ${stackSetId}: its template is no file asset of the assembly`),
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the stateful guard compares the member template with the baseline', () => {
  test('removing the member backup vault is a finding against the baseline assembly', () => {
    let vaultId = '';
    const dir = changedOrganization((member) => {
      [vaultId] = Object.entries(member.Resources as Record<string, any>).find(
        ([, r]) => r.Type === 'AWS::Backup::BackupVault',
      )!;
      removeResource(member, vaultId);
    });
    expect(errors(dir, ORGANIZATION_ASSEMBLY).map((f) => `${f.template} ${f.rule} ${f.logicalId}`)).toContainEqual(
      `${MEMBER} HIPAABaseline-StatefulResourceRemoved[${vaultId}] ${vaultId}`,
    );
  });
});
