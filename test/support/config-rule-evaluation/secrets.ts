import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import { judge, props, refOf, resourcesOf, canonical, type Located } from './template';
import type { Evaluation, Evaluator, RuleContext } from './types';

/** Databases whose master user secret RDS creates and manages in Secrets Manager (`ManageMasterUserPassword`). */
const rdsManaged = (context: RuleContext): Located[] =>
  ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance']
    .flatMap((type) => resourcesOf(context.stacks, type))
    .filter((db) => props(db).ManageMasterUserPassword === true);

/** Judges the template's secrets and the secrets RDS manages for the baseline's databases (on the database). */
function secrets(
  context: RuleContext,
  own: (secret: Located) => string | undefined,
  managed: (db: Located) => string | undefined,
  compliant: string,
): Evaluation[] {
  const judged = (located: Located, why: string | undefined) =>
    judge(context, located, why ? 'NON_COMPLIANT' : 'COMPLIANT', why ?? compliant);
  return [
    ...resourcesOf(context.stacks, 'AWS::SecretsManager::Secret').map((s) => judged(s, own(s))),
    ...rdsManaged(context).map((db) => judged(db, managed(db))),
  ];
}

/** AWS Config managed rules over Secrets Manager secrets. */
export const SECRET_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  SECRETSMANAGER_USING_CMK: (context) =>
    secrets(
      context,
      (s) => (props(s).KmsKeyId ? undefined : 'encrypted with aws/secretsmanager'),
      (db) =>
        props(db).MasterUserSecret?.KmsKeyId
          ? undefined
          : 'RDS encrypts its master user secret with aws/secretsmanager',
      'encrypted with a customer managed key',
    ),
  SECRETSMANAGER_ROTATION_ENABLED_CHECK: (context) =>
    secrets(
      context,
      (s) =>
        resourcesOf(context.stacks, 'AWS::SecretsManager::RotationSchedule').some(
          (r) => canonical(props(r).SecretId, r.stack, context.stacks) === refOf(s),
        )
          ? undefined
          : 'no rotation schedule',
      // RDS rotates the secrets it manages (every 7 days unless changed); nothing in the template can turn that off.
      () => undefined,
      'rotated on a schedule',
    ),
};
