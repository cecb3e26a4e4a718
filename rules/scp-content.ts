/**
 * Reading a service control policy (AWS::Organizations::Policy of type SERVICE_CONTROL_POLICY) in a final
 * template: its content as AWS Organizations receives it, and its statements. Content holding a
 * CloudFormation intrinsic has no size or statements known at synth: callers report it, never pass it.
 */
import { isIntrinsic, type TemplateResource } from './rule';

/** Characters of an SCP AWS Organizations accepts, whitespace included. */
export const SCP_MAX_CHARACTERS = 5120;

/** True for a service control policy resource. */
export const isServiceControlPolicy = (resource: TemplateResource) =>
  resource.Type === 'AWS::Organizations::Policy' && resource.Properties?.Type === 'SERVICE_CONTROL_POLICY';

/** True when a value holds an intrinsic function anywhere (a value only known at deploy time). */
export function holdsIntrinsic(value: unknown): boolean {
  if (isIntrinsic(value)) return true;
  if (Array.isArray(value)) return value.some(holdsIntrinsic);
  if (value && typeof value === 'object') return Object.values(value).some(holdsIntrinsic);
  return false;
}

/**
 * The policy text as AWS Organizations receives it: a string content as written, an object content as
 * CloudFormation serializes it (compact JSON). Undefined when it holds an intrinsic.
 */
export function scpText(resource: TemplateResource): string | undefined {
  const content = resource.Properties?.Content;
  if (content === undefined || holdsIntrinsic(content)) return undefined;
  return typeof content === 'string' ? content : JSON.stringify(content);
}

/** The statements of an SCP, or undefined when its content cannot be read. */
export function scpStatements(resource: TemplateResource): Record<string, any>[] | undefined {
  const text = scpText(resource);
  if (text === undefined) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return undefined;
  }
  const statement = (document as Record<string, unknown> | null)?.Statement;
  if (statement === undefined) return [];
  const list = [statement].flat();
  return list.every((s) => s && typeof s === 'object' && !Array.isArray(s))
    ? (list as Record<string, any>[])
    : undefined;
}
