import { App } from 'aws-cdk-lib';
import { ConfigError, loadConfig } from '../config/load';
import { buildBaseline } from './build-baseline';

/**
 * Entry of the CDK app: loads and validates the configuration, builds the baseline and synthesizes.
 * Invalid configuration prints one `hipaaBaseline.<path>: <reason>` line per problem and exits 1.
 */
export function main(): void {
  try {
    const app = new App();
    buildBaseline(app, loadConfig(app.node));
    app.synth();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
