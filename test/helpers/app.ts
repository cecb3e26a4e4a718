import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './paths';
import { tempDir } from './temp';

/** cdk.json context (feature flags and the default configuration), as the CLI passes it to the app. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(ROOT, 'cdk.json'), 'utf8')).context;
}

/** A deterministic app with the project's feature flags and extra context; it synthesizes into a temporary directory. */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({ autoSynth: false, outdir: tempDir('cdk.out-'), context: { ...cdkJsonContext(), ...context } });
}
