import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import { asArray, booleanParameter, canonical, csvParameter, eachOfType, props } from './template';
import type { Evaluator } from './types';

/** AWS Config managed rules over CloudWatch alarms. */
export const ALARM_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  CLOUDWATCH_ALARM_ACTION_CHECK: (context) => {
    const required = {
      AlarmActions: booleanParameter(context, 'alarmActionRequired', true),
      InsufficientDataActions: booleanParameter(context, 'insufficientDataActionRequired', true),
      OKActions: booleanParameter(context, 'okActionRequired', false),
    };
    const named = ['action1', 'action2', 'action3', 'action4', 'action5'].flatMap((p) => csvParameter(context, p));
    return eachOfType(
      context,
      'AWS::CloudWatch::Alarm',
      (alarm) => {
        const missing = Object.entries(required)
          .filter(([key, needed]) => needed && asArray(props(alarm)[key]).length === 0)
          .map(([key]) => key);
        if (missing.length > 0) return `no ${missing.join(', ')} (required by the rule's parameters)`;
        const actions = Object.keys(required).flatMap((key) =>
          asArray(props(alarm)[key]).map((a) => canonical(a, alarm.stack, context.stacks)),
        );
        return named.length > 0 && !actions.some((a) => named.includes(a))
          ? 'no action is one of action1…5'
          : undefined;
      },
      'has the actions the rule requires',
    );
  },
};
