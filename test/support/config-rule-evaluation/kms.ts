import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import { canonical, csvParameter, eachOfType, judge, props, resourcesOf } from './template';
import type { Evaluator } from './types';

/** AWS Config managed rules over customer managed keys and what they encrypt (SNS topics). */
export const KMS_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  CMK_BACKING_KEY_ROTATION_ENABLED: (context) =>
    resourcesOf(context.stacks, 'AWS::KMS::Key').map((key) => {
      const spec = props(key).KeySpec ?? 'SYMMETRIC_DEFAULT';
      if (spec !== 'SYMMETRIC_DEFAULT' || props(key).Origin === 'EXTERNAL')
        return judge(context, key, 'NOT_APPLICABLE', `${spec} keys do not rotate automatically`);
      return props(key).EnableKeyRotation === true
        ? judge(context, key, 'COMPLIANT', 'automatic rotation is enabled')
        : judge(context, key, 'NON_COMPLIANT', 'automatic rotation is off');
    }),
  KMS_CMK_NOT_SCHEDULED_FOR_DELETION: (context) =>
    eachOfType(
      context,
      'AWS::KMS::Key',
      (key) =>
        props(key).Enabled === false
          ? 'created disabled'
          : (key.resource as { DeletionPolicy?: string }).DeletionPolicy !== 'Retain'
            ? 'deleting its stack would schedule its deletion (DeletionPolicy is not Retain)'
            : undefined,
      'created enabled and retained when its stack is deleted, so nothing schedules its deletion',
    ),
  SNS_ENCRYPTED_KMS: (context) => {
    const allowed = csvParameter(context, 'kmsKeyIds');
    return eachOfType(
      context,
      'AWS::SNS::Topic',
      (topic) => {
        const key = props(topic).KmsMasterKeyId;
        if (!key) return 'not encrypted with a KMS key';
        return allowed.length > 0 && !allowed.includes(canonical(key, topic.stack, context.stacks))
          ? 'its key is not one of kmsKeyIds'
          : undefined;
      },
      'encrypted with a KMS key',
    );
  },
};
