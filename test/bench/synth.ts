// Synth speed of the default app through `cdk synth`: tsx vs ts-node (type-checking), what the gate
// (cdk-nag packs + own pack) adds, and how much of it is aws-cdk-lib's built-in CloudFormation validator.
// Prints figures; run with `npm run bench` (or `npm run bench synth`).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, seconds, timeCommand } from './timing';

/** The app command of cdk.json (tsx plus the Node flags the project runs synth with). */
const APP: string = JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).app;
/** The same app, same Node flags, under ts-node with type checking (`ts-node --prefer-ts-exts`). */
const TS_NODE_APP = APP.replace('--import tsx', '--require ts-node/register');
const TS_NODE_ENV = { TS_NODE_PREFER_TS_EXTS: 'true' };
/** aws-cdk-lib runs its CloudFormation validator on every synth unless CDK_VALIDATION=false. */
const NO_VALIDATOR = { CDK_VALIDATION: 'false' };

const synth = (app: string, env: NodeJS.ProcessEnv = {}) =>
  timeCommand('npx', ['cdk', 'synth', '--quiet', '-o', '{out}', '--app', app], 3, env);

export function benchSynth(): void {
  if (!APP.includes('--import tsx')) throw new Error(`cdk.json app no longer runs through tsx: ${APP}`);
  const tsx = synth(APP);
  const tsNode = synth(TS_NODE_APP, TS_NODE_ENV);
  const withoutGate = synth(APP.replace('bin/app.ts', 'test/bench/app-without-gate.ts'));
  const tsxNoValidator = synth(APP, NO_VALIDATOR);
  const tsNodeNoValidator = synth(TS_NODE_APP, { ...TS_NODE_ENV, ...NO_VALIDATOR });
  console.log(`app command (cdk.json): ${APP}`);
  console.log(`cdk synth, default config, tsx (as in cdk.json): ${seconds(tsx)}`);
  console.log(`cdk synth, default config, ts-node:              ${seconds(tsNode)}`);
  console.log(`ratio tsx / ts-node: ${(tsx / tsNode).toFixed(2)} (target <= 0.40)`);
  console.log(`cdk synth without the gate: ${seconds(withoutGate)}`);
  console.log(`gate overhead: ${(((tsx - withoutGate) / withoutGate) * 100).toFixed(0)} % (target <= 30 %)`);
  console.log(
    `aws-cdk-lib's CloudFormation validator (feature flag validateAgainstDefaultRules) costs ` +
      `${seconds(tsx - tsxNoValidator)} of the tsx synth; without it: tsx ${seconds(tsxNoValidator)}, ` +
      `ts-node ${seconds(tsNodeNoValidator)}, ratio ${(tsxNoValidator / tsNodeNoValidator).toFixed(2)}`,
  );
}

if (require.main === module) benchSynth();
