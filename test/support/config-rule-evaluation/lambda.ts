import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import { canonical, eachOfType, props, refOf, resourcesOf } from './template';
import type { Evaluator } from './types';

const SCOPING = ['SourceArn', 'SourceAccount', 'PrincipalOrgID'];

/** Whether a permission's function (`<Stack:Fn>` or `<Stack:Fn.Arn>`) is the function. */
const names = (value: string, ref: string) => value === ref || value === `${ref.slice(0, -1)}.Arn>`;

/** AWS Config managed rules over Lambda functions. */
export const LAMBDA_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  // A permission is public when it names everyone, or a service without the source it may be invoked from.
  LAMBDA_FUNCTION_PUBLIC_ACCESS_PROHIBITED: (context) =>
    eachOfType(
      context,
      'AWS::Lambda::Function',
      (fn) => {
        const open = resourcesOf(context.stacks, 'AWS::Lambda::Permission')
          .filter((p) => names(canonical(props(p).FunctionName, p.stack, context.stacks), refOf(fn)))
          .filter((p) => {
            const principal = String(props(p).Principal);
            return principal === '*' || (principal.endsWith('.amazonaws.com') && !SCOPING.some((k) => props(p)[k]));
          });
        return open.length > 0
          ? `${open.map((p) => p.logicalId).join(', ')} admits callers from any account`
          : undefined;
      },
      'its resource policy admits only named callers or services from named sources',
    ),
};
