import type { CfnResourceJson, StackInput } from '../../../lib/cli/control-map/load';
import type { Compliance, Evaluation, RuleContext } from './types';

/** A resource of the assembly with where it lives. */
export interface Located {
  readonly stack: StackInput;
  readonly logicalId: string;
  readonly resource: CfnResourceJson;
}

/** Every resource of a type in the assembly, in stack then template order. */
export function resourcesOf(stacks: readonly StackInput[], type: string): Located[] {
  return stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources ?? {})
      .filter(([, resource]) => resource.Type === type)
      .map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
}

/** The resource's properties (never undefined). */
export const props = (located: Located): Record<string, any> => located.resource.Properties ?? {};

/** Tags of a resource, from a `Tags` list or a tag map (`BackupVaultTags`). */
export function tagsOf(located: Located): Record<string, string> {
  const tags = props(located).Tags;
  if (Array.isArray(tags)) return Object.fromEntries(tags.map((tag: any) => [String(tag.Key), String(tag.Value)]));
  return tags && typeof tags === 'object' ? (tags as Record<string, string>) : {};
}

/** Construct path of a resource (`aws:cdk:path` metadata). */
export const pathOf = (located: Located): string => String(located.resource.Metadata?.['aws:cdk:path'] ?? '');

/** A list whatever the template wrote (a single value or an array). */
export const asArray = <T>(value: T | readonly T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? [...value] : [value as T];

/** The statements of a policy document. */
export const statements = (document: any): any[] => asArray(document?.Statement);

/**
 * A template value as comparable text: literals as they are, `Ref` and `Fn::GetAtt` as `<Stack:LogicalId>`
 * (`<Stack:LogicalId.Attribute>`), pseudo parameters as `<AWS::Region>`, and a cross-stack reference
 * (`Fn::GetStackOutput`, `Fn::ImportValue`) as the value the other stack exports, so a VPC id passed
 * from the network stack compares equal to the VPC's own reference there.
 */
export function canonical(value: unknown, stack: StackInput, stacks: readonly StackInput[]): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => canonical(item, stack, stacks)).join(',');
  const v = value as Record<string, any> | undefined;
  if (!v) return '';
  if (typeof v.Ref === 'string') return v.Ref.startsWith('AWS::') ? `<${v.Ref}>` : `<${stack.id}:${v.Ref}>`;
  if (v['Fn::GetAtt']) return `<${stack.id}:${asArray(v['Fn::GetAtt']).join('.')}>`;
  if (v['Fn::Join']) {
    const [delimiter, parts] = v['Fn::Join'];
    return (parts as unknown[]).map((part) => canonical(part, stack, stacks)).join(delimiter);
  }
  if (v['Fn::GetStackOutput']) {
    const { StackName, OutputName } = v['Fn::GetStackOutput'];
    const source = stacks.find((candidate) => candidate.stackName === StackName);
    const output = (source?.template as any)?.Outputs?.[OutputName];
    if (source && output) return canonical(output.Value, source, stacks);
  }
  if (v['Fn::ImportValue'] !== undefined) {
    const name = canonical(v['Fn::ImportValue'], stack, stacks);
    for (const source of stacks) {
      for (const output of Object.values((source.template as any).Outputs ?? {}) as any[]) {
        if (output.Export && canonical(output.Export.Name, source, stacks) === name)
          return canonical(output.Value, source, stacks);
      }
    }
  }
  return JSON.stringify(value);
}

/** A resource's own reference in canonical form (`<Stack:LogicalId>`). */
export const refOf = (located: Located): string => `<${located.stack.id}:${located.logicalId}>`;

/** A comma-separated rule parameter as canonical items (empty when absent). */
export function csvParameter(context: RuleContext, name: string): string[] {
  const value = context.rule.parameters[name];
  if (value === undefined) return [];
  const home = context.stacks.find((stack) => stack.id === context.rule.stack)!;
  return canonical(value, home, context.stacks)
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A boolean rule parameter (`"true"`, case-sensitive as the managed rules read it), or its default. */
export function booleanParameter(context: RuleContext, name: string, fallback: boolean): boolean {
  const value = context.rule.parameters[name];
  return value === undefined ? fallback : String(value) === 'true';
}

/** A numeric rule parameter, or its default. */
export function numberParameter(context: RuleContext, name: string, fallback: number): number {
  const value = context.rule.parameters[name];
  return value === undefined ? fallback : Number(value);
}

/** An evaluation of one resource. */
export function judge(context: RuleContext, located: Located, compliance: Compliance, why: string): Evaluation {
  return {
    rule: context.rule.identifier,
    stack: located.stack.id,
    logicalId: located.logicalId,
    type: located.resource.Type,
    compliance,
    why,
  };
}

/** An evaluation of a setting of the account (no resource of the baseline holds it). */
export function judgeAccount(context: RuleContext, compliance: Compliance, why: string): Evaluation {
  return {
    rule: context.rule.identifier,
    stack: context.rule.stack,
    logicalId: '(account)',
    type: 'AWS::::Account',
    compliance,
    why,
  };
}

/** Judges every resource of a type with one predicate: COMPLIANT when it returns undefined, else NON_COMPLIANT. */
export function eachOfType(
  context: RuleContext,
  type: string,
  failure: (located: Located) => string | undefined,
  compliant: string,
): Evaluation[] {
  return resourcesOf(context.stacks, type).map((located) => {
    const why = failure(located);
    return judge(context, located, why ? 'NON_COMPLIANT' : 'COMPLIANT', why ?? compliant);
  });
}

/** The environment (`aws://account/region`) of a stack. */
export const environmentOf = (stacks: readonly StackInput[], stackId: string): string | undefined =>
  stacks.find((stack) => stack.id === stackId)?.environment;
