/**
 * The dependency graph of a template, for rules about creation order: a resource waits for another when
 * it names it in DependsOn or references it (Ref, Fn::GetAtt, Fn::Sub `${X}` / `${X.Attr}`), directly or
 * through other resources. Pseudo parameters (`AWS::…`) and names outside the template are ignored.
 */
import { referencedIds, type TemplateResource } from './rule';

type Resources = ReadonlyMap<string, TemplateResource>;

/** Logical ids named in `${…}` placeholders of Fn::Sub strings anywhere inside a value. */
function subReferences(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const sub = (node as Record<string, unknown>)['Fn::Sub'];
      const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : '';
      for (const match of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[A-Za-z0-9.]+)?\}/g)) found.push(match[1]);
      Object.values(node as Record<string, unknown>).forEach(walk);
    }
  };
  walk(value);
  return found;
}

/** The resources a resource waits for directly, present in the template. */
export function directDependencies(resource: TemplateResource, resources: Resources): Set<string> {
  const ids = [
    ...[resource.DependsOn ?? []].flat(),
    ...referencedIds(resource.Properties),
    ...subReferences(resource.Properties),
  ];
  return new Set(ids.filter((id) => id !== resource.logicalId && resources.has(id)));
}

/** Every resource a resource waits for, directly or transitively. */
export function allDependencies(resource: TemplateResource, resources: Resources): Set<string> {
  const seen = new Set<string>();
  const queue = [...directDependencies(resource, resources)];
  while (queue.length > 0) {
    const id = queue.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const next = resources.get(id);
    if (next) queue.push(...directDependencies(next, resources));
  }
  return seen;
}

/** The logical id of the template resource a value references (Ref or Fn::GetAtt), when it is of one of the types. */
export function referencedResource(value: unknown, resources: Resources, types: readonly string[]): string | undefined {
  return referencedIds(value).find((id) => types.includes(resources.get(id)?.Type ?? ''));
}
