import { App } from 'aws-cdk-lib';
import { ConfigError, loadConfig } from '../config/load';
import { writeSegmentationMatrix } from '../network/segmentation-matrix';
import { organizationMode } from '../stacks/organization-stack-props';
import { buildBaseline } from './build-baseline';
import { buildOrganization } from './build-organization';

/**
 * Entry of the CDK app: loads and validates the configuration, builds the baseline and synthesizes.
 * Also writes cdk.out/segmentation-matrix.json. Invalid configuration prints one `hipaaBaseline.<path>: <reason>` line per problem and exits 1.
 */
export function main(): void {
  try {
    const app = new App();
    const config = loadConfig(app.node);
    const organization = organizationMode(config);
    if (organization) buildOrganization(app, organization);
    else buildBaseline(app, config);
    const assembly = app.synth();
    // The computed environment × environment matrix, beside the templates, for the control map.
    writeSegmentationMatrix(
      assembly.directory,
      assembly.stacks.map((stack) => ({
        stackId: stack.id,
        templateFile: stack.templateFile,
        template: stack.template,
      })),
    );
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
}
