import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import { AwsSolutionsChecks, HIPAASecurityChecks, type NagPack } from 'cdk-nag';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FOR_EACH_PREFIX, type CfnTemplate } from './template';

/** Intrinsic functions cloudformation-include parses; any other is replaced before loading. */
const SUPPORTED_FUNCTIONS = new Set([
  'Fn::And',
  'Fn::Base64',
  'Fn::Cidr',
  'Fn::Equals',
  'Fn::FindInMap',
  'Fn::GetAZs',
  'Fn::GetAtt',
  'Fn::If',
  'Fn::ImportValue',
  'Fn::Join',
  'Fn::Not',
  'Fn::Or',
  'Fn::Select',
  'Fn::Split',
  'Fn::Sub',
  'Fn::Transform',
  'Fn::ValueOf',
]);

/** A violation of a cdk-nag pack, mapped back to the template. */
export interface NagViolation {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly logicalId: string;
  readonly message: string;
}

/** Thrown when cloudformation-include cannot load a template (the message says why). */
export class NotLoadableError extends Error {}

function stackOutputName(args: any): string {
  const part = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));
  return `${part(args?.StackName)}:${part(args?.OutputName)}`;
}

/**
 * Rewrites what cloudformation-include rejects without changing what rules see: a weak cross-stack
 * reference (`Fn::GetStackOutput`) becomes the equivalent `Fn::ImportValue`, and any other function it
 * does not parse (`Fn::Length`, `Fn::ToJsonString`…) a value unknown until deployment, which is what it is.
 * Object keys are sorted as CDK writes them, so a hand-written template reads like a synthesized one.
 */
export function normaliseValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normaliseValue);
  if (!value || typeof value !== 'object') return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0].startsWith('Fn::') && !SUPPORTED_FUNCTIONS.has(entries[0][0])) {
    const [fn, args] = entries[0];
    const name = fn === 'Fn::GetStackOutput' ? stackOutputName(args) : `hipaa-baseline:unresolved:${fn}`;
    return { 'Fn::ImportValue': name };
  }
  // Keys in CDK's order (sorted): some cdk-nag rules match the JSON text of a policy document.
  return Object.fromEntries(
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, child]) => [key, normaliseValue(child)]),
  );
}

/** The sections cloudformation-include needs for resources, normalised. Outputs, Rules and Hooks play no part. */
export function normaliseForInclude(template: CfnTemplate): Record<string, unknown> {
  const forEach = Object.keys(template.Resources).find((id) => id.startsWith(FOR_EACH_PREFIX));
  if (forEach) {
    throw new NotLoadableError(
      `Resources.${forEach}: Fn::ForEach (AWS::LanguageExtensions) is expanded only by CloudFormation at deployment`,
    );
  }
  const sections = ['Parameters', 'Mappings', 'Conditions', 'Resources'];
  return Object.fromEntries(
    sections
      .filter((section) => template[section] !== undefined)
      .map((section) => [section, normaliseValue(template[section])]),
  );
}

let packs: NagPack[] | undefined;

/**
 * Applies cdk-nag's HIPAA Security and AWS Solutions packs to a final template: loads it into a fresh
 * construct tree with cloudformation-include (logical ids preserved) and validates that tree directly
 * (no synthesis). Violations are returned unfiltered: acknowledgements are applied by the caller.
 */
export function applyNagPacks(template: CfnTemplate): NagViolation[] {
  const normalised = normaliseForInclude(template);
  const dir = mkdtempSync(join(tmpdir(), 'hipaa-baseline-check-'));
  const stack = new Stack(new App({ autoSynth: false }), 'Check');
  let include: CfnInclude;
  try {
    const file = join(dir, 'template.json');
    writeFileSync(file, JSON.stringify(normalised));
    include = new CfnInclude(stack, 'Template', { templateFile: file, allowCyclicalReferences: true });
  } catch (error) {
    throw new NotLoadableError((error as Error).message.split('\n')[0]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const logicalIds = new Map(
    include.node.children
      .filter((child): child is CfnResource => CfnResource.isCfnResource(child))
      .map((resource) => [resource.node.path, stack.resolve(resource.logicalId) as string]),
  );
  packs ??= [new HIPAASecurityChecks(), new AwsSolutionsChecks()];
  return packs.flatMap((pack) =>
    pack.validateScope(stack).violations.flatMap((violation) =>
      violation.violatingResources.map((resource) => ({
        rule: violation.ruleName,
        severity: violation.severity === 'error' ? ('error' as const) : ('warning' as const),
        logicalId: logicalIds.get(resource.constructPath ?? '') ?? String(resource.constructPath).split('/').pop()!,
        message: violation.description,
      })),
    ),
  );
}
