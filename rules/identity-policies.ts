/**
 * Reading identity policies in final templates: where each IAM type keeps its policy documents, the
 * statements of a document, and whether a statement's Action (or NotAction) covers an action, with IAM's
 * wildcards (`*`, `?`, case-insensitive).
 */
import type { TemplateResource } from './rule';

/** A policy document of an identity resource, with where it was found (for finding names). */
export interface FoundDocument {
  readonly where: string;
  readonly document: unknown;
}

const inline = (policies: unknown): FoundDocument[] =>
  Array.isArray(policies)
    ? policies.map((policy, index) => ({ where: `Policies[${index}]`, document: policy?.PolicyDocument }))
    : [];

const DOCUMENTS_OF: Readonly<Record<string, (p: Record<string, any>) => FoundDocument[]>> = {
  'AWS::IAM::Policy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::IAM::ManagedPolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::IAM::RolePolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::IAM::UserPolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::IAM::GroupPolicy': (p) => [{ where: 'PolicyDocument', document: p.PolicyDocument }],
  'AWS::IAM::Role': (p) => inline(p.Policies),
  'AWS::IAM::User': (p) => inline(p.Policies),
  'AWS::IAM::Group': (p) => inline(p.Policies),
};

/** The identity policy documents of a resource (empty for other types). */
export function identityDocuments(resource: TemplateResource): FoundDocument[] {
  return DOCUMENTS_OF[resource.Type]?.(resource.Properties ?? {}) ?? [];
}

/** The statements of a document (a JSON string parsed), or undefined when it cannot be read. */
export function statementsOf(document: unknown): Record<string, any>[] | undefined {
  let parsed = document;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      return undefined;
    }
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  const statement = (parsed as Record<string, unknown>).Statement;
  if (statement === undefined) return [];
  const list = [statement].flat();
  return list.every((s) => s && typeof s === 'object' && !Array.isArray(s))
    ? (list as Record<string, any>[])
    : undefined;
}

/** Whether an IAM action pattern (`bedrock:Invoke*`, `*`) matches an action. */
export function actionMatches(pattern: unknown, action: string): boolean {
  if (typeof pattern !== 'string') return false;
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${regex}$`, 'i').test(action);
}

/** Whether a statement's Action / NotAction lets it apply to an action. */
export function coversAction(statement: Record<string, any>, action: string): boolean {
  if (statement.NotAction !== undefined) {
    return ![statement.NotAction].flat().some((pattern) => actionMatches(pattern, action));
  }
  return [statement.Action].flat().some((pattern) => actionMatches(pattern, action));
}

/** The statement's name in findings: its Sid, or `Statement<index>`. */
export const statementName = (statement: Record<string, any>, index: number): string =>
  typeof statement.Sid === 'string' && statement.Sid !== '' ? statement.Sid : `Statement${index}`;
