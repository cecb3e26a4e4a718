// The CloudFormation resource specification the stateful-change guard reads, through the copy that
// @aws-cdk/cloudformation-diff has already loaded (its cached database: loading it again costs a second).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { loadResourceModel } = require('@aws-cdk/cloudformation-diff/lib/diff/util') as {
  loadResourceModel: (
    type: string,
  ) => { properties: Record<string, { causesReplacement?: string; documentation?: string }> } | undefined;
};

/**
 * Properties CloudFormation cannot change in place without replacing the resource are create-only in the
 * resource schemas (the diff reports them). Some types instead refuse the update outright — the KMS key's
 * KeySpec, KeyUsage, MultiRegion and Origin: "the update request fails, regardless of UpdateReplacePolicy".
 * The schemas' own documentation says so; this reads it there rather than from a hand-kept list.
 */
const REFUSED_UPDATE =
  /update request fails|can(?:no|')t change [^.]*after [^.]*creat(?:ed|e|ion)|cannot be (?:changed|updated) after/i;

/** How a property change of a type is applied: in place, by replacement, or not at all (the update fails). */
export function propertyUpdate(type: string, property: string): 'in-place' | 'replacement' | 'refused' {
  const spec = loadResourceModel(type)?.properties[property];
  if (!spec) return 'in-place';
  if (spec.causesReplacement === 'yes' || spec.causesReplacement === 'maybe') return 'replacement';
  return spec.documentation && REFUSED_UPDATE.test(spec.documentation) ? 'refused' : 'in-place';
}
