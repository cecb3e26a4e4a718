import { CfnResource, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { parseConfig } from '../../lib/config/load';
import type { BaselineConfigInput } from '../../lib/config/schema';
import { NetworkStack } from '../../lib/stacks/network-stack';
import { NetworkSegmentationMatchesMatrix } from '../../rules/NetworkSegmentationMatchesMatrix';
import { renderResource } from '../../rules/pack';
import type { TemplateResource } from '../../rules';
import { SETTINGS } from './rules';
import { testApp } from './app';

/** A network stack for a configuration (no synth gate), with an imported log bucket. */
export function networkStack(config: BaselineConfigInput = {}): NetworkStack {
  const app = testApp();
  const logStack = new Stack(app, 'Logs');
  new CfnWaitConditionHandle(logStack, 'Placeholder');
  const logs = s3.Bucket.fromBucketName(logStack, 'Archive', 'hipaa-audit-logs');
  return new NetworkStack(app, 'Network', { config: parseConfig(config), logBucket: logs });
}

/** Every resource of a stack as it will render (overrides included), by logical id. */
export function renderedResources(stack: Stack): Map<string, TemplateResource> {
  return new Map(
    stack.node
      .findAll()
      .filter((c): c is CfnResource => CfnResource.isCfnResource(c) && Stack.of(c) === stack)
      .map((c) => {
        const rendered = renderResource(c);
        return [rendered.logicalId, rendered] as const;
      }),
  );
}

/** Findings of the segmentation rule on a stack, by logical id (resources without findings left out). */
export function segmentationFindings(stack: Stack): Map<string, readonly string[]> {
  const resources = renderedResources(stack);
  const context = {
    settings: SETTINGS,
    resources,
    templateMetadata: (stack.resolve(stack.templateOptions.metadata) ?? {}) as Record<string, unknown>,
  };
  const found = new Map<string, readonly string[]>();
  for (const resource of resources.values()) {
    if (NetworkSegmentationMatchesMatrix.check(resource, context) === 'non-compliant') {
      found.set(resource.logicalId, NetworkSegmentationMatchesMatrix.findings!(resource, context));
    }
  }
  return found;
}

/** All finding messages of a stack, flattened. */
export const allFindings = (stack: Stack) => [...segmentationFindings(stack).values()].flat();
