/**
 * HIPAABaseline-BedrockInvokeRequiresGuardrail — an identity policy (managed, inline, role/user/group policy)
 * that allows model invocation (bedrock:InvokeModel or InvokeModelWithResponseStream, also through
 * `bedrock:*`, `bedrock:Invoke*`, `*` or NotAction) must require a guardrail: a condition on
 * `bedrock:GuardrailIdentifier` with StringEquals/StringLike/ArnEquals/ArnLike (not IfExists, which holds
 * when no guardrail is named; not the value `*`), or a Deny in the same document that refuses those actions
 * on every resource unless the request names the guardrail (a negated operator on the key, no other condition).
 *
 * Scenarios:
 * - non-compliant: an Allow of InvokeModel without a condition; with an IfExists or negated operator; with
 *   the value `*`; `bedrock:*` or `*` unconditioned; NotAction that leaves InvokeModel allowed; a Deny that
 *   carries another condition too (it does not cover every unguarded request)
 * - compliant: the condition on bedrock:GuardrailIdentifier; an unconditioned Allow with the Deny pattern
 * - not applicable: types without identity policies; policies that allow no model invocation
 * Findings are named `<where>.<Sid>` (`PolicyDocument.AllowModels`, `Policies[0].Statement1`).
 */
import { GUARDED_INVOKE_ACTIONS } from '../lib/ai/bedrock-actions';
import { coversAction, identityDocuments, statementName, statementsOf } from './identity-policies';
import type { OwnRule, TemplateResource } from './rule';

const KEY = 'bedrock:guardrailidentifier';
const REQUIRING = /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i;
const NEGATED = /^(StringNotEquals|StringNotEqualsIgnoreCase|StringNotLike|ArnNotEquals|ArnNotLike)(IfExists)?$/i;

const clauses = (condition: unknown) =>
  Object.entries((condition && typeof condition === 'object' ? condition : {}) as Record<string, unknown>).flatMap(
    ([operator, keys]) =>
      Object.entries((keys && typeof keys === 'object' ? keys : {}) as Record<string, unknown>).map(([key, value]) => ({
        operator,
        key: key.toLowerCase(),
        values: [value].flat(),
      })),
  );

const invokes = (statement: Record<string, any>) => GUARDED_INVOKE_ACTIONS.some((a) => coversAction(statement, a));

/** A condition requiring a named guardrail. */
const requiresGuardrail = (condition: unknown) =>
  clauses(condition).some(
    (c) =>
      c.key === KEY &&
      REQUIRING.test(c.operator) &&
      c.values.length > 0 &&
      c.values.every((v) => v !== '*' && v !== ''),
  );

/** A Deny of every unguarded invocation: all resources, one negated clause on the key and nothing else. */
function deniesUnguarded(statement: Record<string, any>): boolean {
  if (statement.Effect !== 'Deny' || !GUARDED_INVOKE_ACTIONS.every((a) => coversAction(statement, a))) return false;
  if (statement.NotResource !== undefined || ![statement.Resource].flat().includes('*')) return false;
  const all = clauses(statement.Condition);
  return all.length === 1 && all[0].key === KEY && NEGATED.test(all[0].operator);
}

function unguarded(resource: TemplateResource): string[] | undefined {
  const documents = identityDocuments(resource);
  if (documents.length === 0) return undefined;
  const findings: string[] = [];
  let applies = false;
  for (const { where, document } of documents) {
    const statements = statementsOf(document);
    if (!statements) continue;
    const denied = statements.some(deniesUnguarded);
    statements.forEach((statement, index) => {
      if (statement.Effect !== 'Allow' || !invokes(statement)) return;
      applies = true;
      if (!requiresGuardrail(statement.Condition) && !denied)
        findings.push(`${where}.${statementName(statement, index)}`);
    });
  }
  return applies ? findings : undefined;
}

export const BedrockInvokeRequiresGuardrail: OwnRule = {
  id: 'BedrockInvokeRequiresGuardrail',
  level: 'error',
  info: 'The policy allows Bedrock model invocation without requiring a guardrail.',
  explanation:
    'Add a condition {"StringEquals": {"bedrock:GuardrailIdentifier": "<guardrail ARN>:<version>"}} to the Allow (or ' +
    'a Deny of bedrock:InvokeModel* on "*" with StringNotEquals on that key), so every prompt passes the guardrail ' +
    'that masks Safe Harbor identifiers and stops prompt attacks.',
  citations: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.308(a)(1)(ii)(B)'],
  check(resource) {
    const findings = unguarded(resource);
    if (findings === undefined) return 'not-applicable';
    return findings.length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: (resource) => unguarded(resource) ?? [],
};
