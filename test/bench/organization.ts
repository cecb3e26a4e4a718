// Synth time of organisation mode through `cdk synth`: the example organisation, and an organisation of
// 5 member OUs × 3 regions (the member baseline in the management account: one stack per member region).
// Prints figures; run with `npm run bench org`.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, seconds, timeCommand } from './timing';

const EXAMPLE = join(ROOT, 'config', 'organization.example.json');
const REGIONS = ['us-east-1', 'us-east-2', 'us-west-2'];

/** The example organisation with `ous` member OUs in `regions`. */
function organizationOf(ous: number, regions: readonly string[]) {
  const example = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
  delete example.$schema;
  const organizationalUnitIds = Array.from({ length: ous }, (_, i) => `ou-ab12-${String(i + 1).repeat(8)}`);
  return {
    ...example,
    organization: {
      ...example.organization,
      memberTargets: { organizationalUnitIds, regions },
      allowedRegions: [...new Set([...example.organization.allowedRegions, ...regions])],
    },
  };
}

const synth = (configFile: string) =>
  timeCommand('npx', ['cdk', 'synth', '--quiet', '-o', '{out}', '-c', `hipaaBaselineConfig=${configFile}`], 3);

export function benchOrganization(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-org-'));
  try {
    const large = join(dir, 'organization-5x3.json');
    writeFileSync(large, JSON.stringify(organizationOf(5, REGIONS)));
    const example = synth(EXAMPLE);
    const fiveByThree = synth(large);
    console.log(`cdk synth, example organisation (2 OUs × 2 regions, 6 stacks + member template): ${seconds(example)}`);
    console.log(`cdk synth, 5 OUs × 3 regions (7 stacks + member template):                  ${seconds(fiveByThree)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchOrganization();
