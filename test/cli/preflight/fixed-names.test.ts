/**
 * The names preflight looks for are the names the templates fix: every explicitly named bucket, backup vault,
 * trail, IAM role and managed policy, KMS alias and Config aggregator of the synthesized assemblies (account
 * and region substituted; names unique to one creation of a stack left out) is on the list, and nothing else.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixedNames, NAME_PROPERTIES, type FixedNameKind } from '../../../lib/cli/preflight/fixed-names';
import { parseConfig } from '../../../lib/config/load';
import { CONTROL_TOWER_ASSEMBLY, CONTROL_TOWER_CONFIG, DEFAULT_ASSEMBLY, ROOT } from '../../helpers/paths';

const ACCOUNT = '111122223333';
const PER_STACK = Symbol('unique to one creation of the stack');

/** A name property with the pseudo parameters substituted; PER_STACK when it depends on the stack id. */
function resolveName(value: unknown, region: string): string | typeof PER_STACK {
  if (JSON.stringify(value).includes('AWS::StackId')) return PER_STACK;
  const resolve = (part: any): string => {
    if (typeof part === 'string') return part;
    if (part?.Ref === 'AWS::AccountId') return ACCOUNT;
    if (part?.Ref === 'AWS::Region') return region;
    if (Array.isArray(part?.['Fn::Join']) && part['Fn::Join'][0] === '') {
      return (part['Fn::Join'][1] as unknown[]).map(resolve).join('');
    }
    throw new Error(`unexpected name expression ${JSON.stringify(part)}`);
  };
  return resolve(value);
}

/** `kind name region` of every explicitly named resource of the listed types in an assembly. */
function namedResources(assembly: string, homeRegion: string): string[] {
  const manifest = JSON.parse(readFileSync(join(assembly, 'manifest.json'), 'utf8'));
  const found: string[] = [];
  for (const artifact of Object.values<any>(manifest.artifacts)) {
    if (artifact.type !== 'aws:cloudformation:stack') continue;
    const envRegion = String(artifact.environment).split('/').pop();
    const region = envRegion === 'unknown-region' ? homeRegion : envRegion!;
    const template = JSON.parse(readFileSync(join(assembly, artifact.properties.templateFile), 'utf8'));
    for (const resource of Object.values<any>(template.Resources)) {
      const kind = (Object.keys(NAME_PROPERTIES) as FixedNameKind[]).find(
        (k) => NAME_PROPERTIES[k].type === resource.Type,
      );
      const value = kind && resource.Properties?.[NAME_PROPERTIES[kind].property];
      if (!kind || value === undefined) continue;
      const name = resolveName(value, region);
      if (name !== PER_STACK) found.push(`${kind} ${name} ${region}`);
    }
  }
  return found.sort();
}

const listed = (raw: unknown) =>
  fixedNames(parseConfig(raw), ACCOUNT)
    .map((n) => `${n.kind} ${n.name} ${n.region}`)
    .sort();

describe('the fixed names preflight checks', () => {
  test('are exactly the named resources of the default assembly', () => {
    const raw = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context.hipaaBaseline;
    const inTemplates = namedResources(DEFAULT_ASSEMBLY, parseConfig(raw).homeRegion);
    expect(inTemplates.length).toBeGreaterThan(10);
    expect(listed(raw)).toEqual(inTemplates);
  });

  test('are exactly the named resources of the Control Tower example assembly (another prefix and regions)', () => {
    const raw = JSON.parse(readFileSync(CONTROL_TOWER_CONFIG, 'utf8'));
    const inTemplates = namedResources(CONTROL_TOWER_ASSEMBLY, parseConfig(raw).homeRegion);
    expect(inTemplates.some((entry) => entry.endsWith(' eu-west-1'))).toBe(true);
    expect(listed(raw)).toEqual(inTemplates);
  });

  test('leave out the aliases of keys the configuration brings', () => {
    const key = (n: string) => `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-12345678900${n}`;
    const names = fixedNames(
      parseConfig({
        dataProtection: {
          rawZone: { existingKeyArn: key('1'), keyPolicyAllowsAccountIam: true },
          deidentifiedZone: { existingKeyArn: key('2'), keyPolicyAllowsAccountIam: true },
        },
      }),
      ACCOUNT,
    ).map((n) => n.name);
    expect(names).not.toContain('alias/hipaa/data');
    expect(names).not.toContain('alias/hipaa/deidentified');
    expect(names).toContain('alias/hipaa/dr-raw-phi');
  });
});
