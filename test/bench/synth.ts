// Synth speed of the default app through `cdk synth`: tsx vs ts-node (type-checking), and what the gate
// (cdk-nag packs + own pack) adds. Prints figures; run with `npm run bench` (or `npm run bench synth`).
import { seconds, timeCommand } from './timing';

const synth = (...extra: string[]) => timeCommand('npx', ['cdk', 'synth', '--quiet', '-o', '{out}', ...extra]);

export function benchSynth(): void {
  const tsx = synth();
  const tsNode = synth('--app', 'npx ts-node --prefer-ts-exts bin/app.ts');
  const withoutGate = synth('--app', 'node --import tsx test/bench/app-without-gate.ts');
  console.log(`cdk synth, default config, tsx (as in cdk.json): ${seconds(tsx)}`);
  console.log(`cdk synth, default config, ts-node:              ${seconds(tsNode)}`);
  console.log(`ratio tsx / ts-node: ${(tsx / tsNode).toFixed(2)} (target <= 0.40)`);
  console.log(`cdk synth without the gate: ${seconds(withoutGate)}`);
  console.log(`gate overhead: ${(((tsx - withoutGate) / withoutGate) * 100).toFixed(0)} % (target <= 30 %)`);
}

if (require.main === module) benchSynth();
