/** Small queries over a template JSON that assertions' Template does not offer. */

export type Resource = {
  Type: string;
  Properties: any;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: any;
  DependsOn?: string | string[];
};

export function resources(template: any, type?: string): [string, Resource][] {
  return (Object.entries(template.Resources) as [string, Resource][]).filter(([, r]) => !type || r.Type === type);
}

/** The resource whose aws:cdk:path ends with the given suffix. */
export function byPath(template: any, suffix: string): [string, Resource] {
  const found = resources(template).filter(([, r]) => String(r.Metadata?.['aws:cdk:path'] ?? '').endsWith(suffix));
  if (found.length !== 1) throw new Error(`expected one resource at …${suffix}, found ${found.length}`);
  return found[0];
}

/** Tags of a resource as a plain object. */
export function tagsOf(resource: Resource): Record<string, string> {
  return Object.fromEntries((resource.Properties.Tags ?? []).map((t: any) => [t.Key, t.Value]));
}

/** Flattens a CloudFormation value to text for pattern assertions (`{"Ref":"X"}` → `<X>`). */
export function flat(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(flat).join('');
  if (value && typeof value === 'object') {
    const v = value as Record<string, any>;
    if (v.Ref) return `<${v.Ref}>`;
    if (v['Fn::GetAtt']) return `<${[].concat(v['Fn::GetAtt']).join('.')}>`;
    if (v['Fn::Join']) return v['Fn::Join'][1].map(flat).join(v['Fn::Join'][0]);
  }
  return JSON.stringify(value);
}
