// Synth time against the number of environments: 1, 4 and 8 environments of one shape (2 zones, gateway
// endpoints, no internet ingress or egress; every environment but shared may reach shared on tcp/443), so
// that 8 fit CloudFormation's 500 resources per stack. Prints each median and the per-environment slope;
// linear growth means the slope does not rise with the count. CPU time is printed beside wall time because
// wall time on a shared machine mostly measures the other load. Run with `npm run bench network`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { buildBaseline } from '../../lib/app/build-baseline';
import { loadConfig } from '../../lib/config/load';
import { cdkJsonContext } from '../helpers/app';
import { median, seconds } from './timing';

/** Median wall and CPU time (ms) of synthesizing the app (gate included) in this process. */
function timeSynth(configFile: string, runs = 5): { wall: number; cpu: number } {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const outdir = mkdtempSync(join(tmpdir(), 'bench-out-'));
    const cpu = process.cpuUsage();
    const start = process.hrtime.bigint();
    const app = new App({ outdir, context: { ...cdkJsonContext(), hipaaBaselineConfig: configFile } });
    buildBaseline(app, loadConfig(app.node));
    app.synth();
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    rmSync(outdir, { recursive: true, force: true });
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const NAMES = ['prod', 'nonprod', 'qa', 'dev', 'uat', 'staging', 'research', 'shared'];

function configFile(dir: string, count: number): string {
  const names = count === 1 ? ['prod'] : [...NAMES.slice(0, count - 1), 'shared'];
  const environments = names.map((name, i) => ({
    name,
    cidr: `10.${10 * (i + 1)}.0.0/16`,
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    endpoints: ['s3', 'dynamodb'],
  }));
  const file = join(dir, `environments-${count}.json`);
  writeFileSync(file, JSON.stringify({ environments }));
  return file;
}

export function benchNetwork(): void {
  const dir = mkdtempSync(join(tmpdir(), 'bench-network-'));
  try {
    timeSynth(configFile(dir, 8), 1); // warm-up: module loading and JIT would otherwise count against the first size
    const times = new Map<number, { wall: number; cpu: number }>();
    for (const count of [1, 4, 8]) {
      times.set(count, timeSynth(configFile(dir, count)));
      const { wall, cpu } = times.get(count)!;
      console.log(`synth (gate included), ${count} environment(s): wall ${seconds(wall)}, CPU ${seconds(cpu)}`);
    }
    const slope = (a: number, b: number) => (times.get(b)!.cpu - times.get(a)!.cpu) / (b - a);
    console.log(
      `CPU per added environment, 1→4: ${seconds(slope(1, 4))}; 4→8: ${seconds(slope(4, 8))}; 1→8: ${seconds(slope(1, 8))}`,
    );
    console.log(
      `8 vs 1 environments: CPU ${(times.get(8)!.cpu / times.get(1)!.cpu).toFixed(2)}× (linear: the 4→8 slope is not above the 1→4 slope beyond noise)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchNetwork();
