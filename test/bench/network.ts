// Synth time against the number of environments: 1, 4 and 8 environments (3 zones each; every
// environment but shared may reach shared on tcp/443). Prints each median and the per-environment
// slope; linear growth means the slope does not rise with the count. Run with `npm run bench network`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seconds, timeCommand } from './timing';

const NAMES = ['prod', 'nonprod', 'qa', 'dev', 'uat', 'staging', 'research', 'shared'];

function configFile(dir: string, count: number): string {
  const names = count === 1 ? ['prod'] : [...NAMES.slice(0, count - 1), 'shared'];
  const environments = names.map((name, i) => ({
    name,
    cidr: `10.${10 * (i + 1)}.0.0/16`,
    internetIngress: name !== 'shared',
    egress: name === 'shared' ? 'none' : 'nat',
  }));
  const file = join(dir, `environments-${count}.json`);
  writeFileSync(file, JSON.stringify({ environments }));
  return file;
}

export function benchNetwork(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-network-'));
  try {
    const times = new Map<number, number>();
    for (const count of [1, 4, 8]) {
      const file = configFile(dir, count);
      times.set(
        count,
        timeCommand('npx', ['cdk', 'synth', '--quiet', '-o', '{out}', '-c', `hipaaBaselineConfig=${file}`]),
      );
      console.log(`cdk synth, ${count} environment(s): ${seconds(times.get(count)!)}`);
    }
    const slope = (a: number, b: number) => (times.get(b)! - times.get(a)!) / (b - a);
    console.log(
      `per added environment, 1→4: ${seconds(slope(1, 4))}; 4→8: ${seconds(slope(4, 8))}; 1→8: ${seconds(slope(1, 8))}`,
    );
    console.log(
      `8 vs 1 environments: ${(times.get(8)! / times.get(1)!).toFixed(2)}× (linear growth: 4→8 slope ≤ 1→4 slope, allowing for noise)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchNetwork();
