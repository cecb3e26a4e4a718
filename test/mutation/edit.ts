// Template edits the mutation operators are built from: removing a resource cleanly, reading and changing
// policy documents. Everything works on parsed template JSON (intrinsics left as objects).

/** A parsed CloudFormation template. */
export interface Template {
  Resources: Record<string, any>;
  [section: string]: any;
}

/** Sections a removed resource's references are replaced in (Metadata, the app's record of intent, is left alone). */
const REFERENCING_SECTIONS = ['Resources', 'Outputs'];

/** Logical ids a value references (Ref, Fn::GetAtt, `${Id}` / `${Id.Attr}` in Fn::Sub), anywhere inside it. */
export function referencesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, found);
  } else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.Ref === 'string') found.add(record.Ref);
    const getAtt = record['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') found.add(getAtt[0]);
    if (typeof getAtt === 'string') found.add(getAtt.split('.')[0]);
    const sub = record['Fn::Sub'];
    const text = typeof sub === 'string' ? sub : Array.isArray(sub) && typeof sub[0] === 'string' ? sub[0] : undefined;
    for (const match of text?.matchAll(/\$\{([A-Za-z0-9]+)(\.[A-Za-z0-9.]+)?\}/g) ?? []) found.add(match[1]);
    for (const child of Object.values(record)) referencesIn(child, found);
  }
  return found;
}

/** The logical ids a resource references, DependsOn included. */
export function resourceReferences(resource: any): Set<string> {
  const found = referencesIn(resource?.Properties);
  for (const id of [resource?.DependsOn ?? []].flat()) found.add(id);
  return found;
}

/** The literal a reference to a removed resource becomes: as if the resource lived in another stack. */
const external = (id: string) => `external-${id}`;

function replaceReferences(node: any, id: string): any {
  if (Array.isArray(node)) return node.map((item) => replaceReferences(item, id));
  if (!node || typeof node !== 'object') return node;
  if (node.Ref === id) return external(id);
  const getAtt = node['Fn::GetAtt'];
  if ((Array.isArray(getAtt) && getAtt[0] === id) || (typeof getAtt === 'string' && getAtt.split('.')[0] === id)) {
    return `arn:aws:cloudformation:us-east-1:111122223333:external/${id}`;
  }
  const sub = node['Fn::Sub'];
  const pattern = new RegExp(`\\$\\{${id}(\\.[A-Za-z0-9.]+)?\\}`, 'g');
  if (typeof sub === 'string' && pattern.test(sub)) return { 'Fn::Sub': sub.replace(pattern, external(id)) };
  return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replaceReferences(value, id)]));
}

/**
 * Removes a resource as if it had moved out of the template: references to it become literals and it is
 * dropped from every DependsOn, so the template stays loadable and only the removal itself is judged.
 */
export function removeResource(template: Template, id: string): void {
  delete template.Resources[id];
  for (const section of REFERENCING_SECTIONS) {
    if (template[section]) template[section] = replaceReferences(template[section], id);
  }
  for (const resource of Object.values(template.Resources)) {
    if (resource.DependsOn === undefined) continue;
    const dependsOn = [resource.DependsOn].flat().filter((dependency: string) => dependency !== id);
    if (dependsOn.length === 0) delete resource.DependsOn;
    else resource.DependsOn = Array.isArray(resource.DependsOn) ? dependsOn : dependsOn[0];
  }
}

/** The statements of a policy document (a single statement object counts as one). */
export function statementsOf(document: any): any[] {
  const statement = document?.Statement;
  if (statement === undefined) return [];
  return Array.isArray(statement) ? statement : [statement];
}

/**
 * True for a statement that denies requests not made over TLS (aws:SecureTransport false) or over TLS older
 * than 1.2 (s3:TlsVersion): transport protection, judged on its own. (AWS endpoints refuse TLS below 1.2
 * since 2024, so removing the TlsVersion statement alone changes nothing; removing both does.)
 */
export function isTransportDeny(statement: any): boolean {
  if (statement?.Effect !== 'Deny') return false;
  const bool = statement.Condition?.Bool ?? {};
  const insecure = bool['aws:SecureTransport'] === 'false' || bool['aws:SecureTransport'] === false;
  return insecure || statement.Condition?.NumericLessThan?.['s3:TlsVersion'] !== undefined;
}

/** Deny statements other than the TLS ones: the segregation and protection a policy adds on purpose. */
export function protectiveDenies(document: any): any[] {
  return statementsOf(document).filter((statement) => statement?.Effect === 'Deny' && !isTransportDeny(statement));
}

/** Adds a statement to a policy document, keeping the document's form. */
export function addStatement(document: any, statement: Record<string, unknown>): void {
  document.Statement = [...statementsOf(document), statement];
}

/** Keeps only the statements for which `keep` holds. */
export function filterStatements(document: any, keep: (statement: any) => boolean): void {
  document.Statement = statementsOf(document).filter(keep);
}

/** The Arn of a resource the template defines, for statements written against it. */
export const arnOf = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
