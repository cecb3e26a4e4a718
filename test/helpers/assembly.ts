import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_ASSEMBLY } from './paths';

const cache = new Map<string, any>();

/** The raw JSON template of a stack of the default assembly. */
export function defaultTemplateJson(stackId: string): any {
  if (!cache.has(stackId)) {
    cache.set(stackId, JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, `${stackId}.template.json`), 'utf8')));
  }
  return cache.get(stackId);
}

/** An assertions Template of a stack of the default assembly. */
export function defaultTemplate(stackId: string): Template {
  return Template.fromJSON(defaultTemplateJson(stackId), { skipCyclicalDependenciesCheck: true });
}

/** Logical ids of the resources of a type in a template. */
export function logicalIdsOfType(template: any, type: string): string[] {
  return Object.entries(template.Resources)
    .filter(([, resource]: [string, any]) => resource.Type === type)
    .map(([id]) => id);
}
