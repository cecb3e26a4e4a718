import { parseDocument, type Tags } from 'yaml';

/**
 * CloudFormation short-form intrinsic functions (`!Ref`, `!GetAtt`, `!Sub`…), as YAML tags. Each is
 * defined for a scalar, a sequence and a mapping argument and becomes the long form (`{"Fn::Join": […]}`),
 * so the rules see the same template whether it was written in JSON or YAML.
 */
const FUNCTIONS = [
  'Base64',
  'Cidr',
  'FindInMap',
  'GetAtt',
  'GetAZs',
  'ImportValue',
  'Join',
  'Select',
  'Split',
  'Sub',
  'Transform',
  'And',
  'Equals',
  'If',
  'Not',
  'Or',
  'Length',
  'ToJsonString',
  // Rules-section functions.
  'Contains',
  'EachMemberEquals',
  'EachMemberIn',
  'RefAll',
  'ValueOf',
  'ValueOfAll',
];

/** `!GetAtt Resource.Attribute` (scalar form) → `["Resource", "Attribute"]` (attributes may contain dots). */
function getAttArguments(value: string): unknown {
  const dot = value.indexOf('.');
  return dot < 0 ? value : [value.slice(0, dot), value.slice(dot + 1)];
}

function longForm(name: string, value: unknown, scalar: boolean): Record<string, unknown> {
  if (name === 'Ref' || name === 'Condition') return { [name]: value };
  if (name === 'GetAtt' && scalar && typeof value === 'string') return { 'Fn::GetAtt': getAttArguments(value) };
  return { [`Fn::${name}`]: value };
}

function cloudFormationTags(): Tags {
  return ['Ref', 'Condition', ...FUNCTIONS].flatMap((name) => [
    { tag: `!${name}`, resolve: (value: string) => longForm(name, value, true) },
    { tag: `!${name}`, collection: 'seq' as const, resolve: (node: any) => longForm(name, node.toJSON(), false) },
    { tag: `!${name}`, collection: 'map' as const, resolve: (node: any) => longForm(name, node.toJSON(), false) },
  ]);
}

let tags: Tags | undefined;

/**
 * Parses a CloudFormation YAML template (YAML 1.2 core schema, as cloudformation-include does: `yes`, `on`
 * and `y` stay strings). Throws an Error whose
 * message is one line (with the line and column) for invalid YAML, an unknown `!Tag`, duplicate keys
 * or several documents.
 */
export function parseCloudFormationYaml(text: string): unknown {
  tags ??= cloudFormationTags();
  const doc = parseDocument(text, { schema: 'core', customTags: tags, uniqueKeys: true, prettyErrors: true });
  const problem =
    doc.errors[0] ??
    doc.warnings.find((warning) => warning.code === 'TAG_RESOLVE_FAILED' || /tag/i.test(warning.message));
  // With prettyErrors the first line reads "<problem> at line L, column C:"; a code frame follows.
  if (problem?.code === 'MULTIPLE_DOCS') throw new Error('holds several YAML documents; a template is one document');
  if (problem) throw new Error(problem.message.split('\n')[0].replace(/:$/, ''));
  return doc.toJS({ maxAliasCount: 1000 });
}
