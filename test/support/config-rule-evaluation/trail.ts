import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import {
  asArray,
  canonical,
  csvParameter,
  eachOfType,
  judge,
  judgeAccount,
  props,
  resourcesOf,
  type Located,
} from './template';
import type { Evaluator, RuleContext } from './types';

const TRAIL = 'AWS::CloudTrail::Trail';

/** Field selectors of a trail's advanced event selectors, each selector as field → selector. */
const selectors = (trail: Located): Record<string, any>[] =>
  asArray<any>(props(trail).AdvancedEventSelectors).map((s) =>
    Object.fromEntries(asArray<any>(s.FieldSelectors).map((f) => [f.Field, f])),
  );

/** Whether a trail records every management event (read and write, no event source excluded). */
function allManagementEvents(trail: Located): boolean {
  const advanced = selectors(trail);
  if (advanced.length === 0) {
    const basic = asArray<any>(props(trail).EventSelectors);
    return (
      basic.length === 0 ||
      basic.some((s) => s.IncludeManagementEvents !== false && (s.ReadWriteType ?? 'All') === 'All')
    );
  }
  return advanced.some((s) => asArray(s.eventCategory?.Equals).includes('Management') && !s.readOnly && !s.eventSource);
}

/** Bucket-name prefixes (`arn:…:s3:::name/`) whose object-level data events a trail records; `*` for every bucket. */
function dataEventBuckets(context: RuleContext, trail: Located): string[] {
  return selectors(trail)
    .filter(
      (s) =>
        asArray(s.eventCategory?.Equals).includes('Data') &&
        asArray(s['resources.type']?.Equals).includes('AWS::S3::Object'),
    )
    .flatMap((s) => {
      const arn = s['resources.ARN'];
      if (!arn) return ['*'];
      return asArray(arn.StartsWith).map((value) => canonical(value, trail.stack, context.stacks));
    });
}

const logging = (trail: Located) => props(trail).IsLogging === true;

/** AWS Config managed rules over CloudTrail trails (the baseline's trail lives in the log archive stack). */
export const TRAIL_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  CLOUD_TRAIL_ENABLED: (context) => {
    const trails = resourcesOf(context.stacks, TRAIL);
    if (trails.length === 0) return [judgeAccount(context, 'NON_COMPLIANT', 'no trail in the templates')];
    return trails.map((t) =>
      judge(
        context,
        t,
        logging(t) ? 'COMPLIANT' : 'NON_COMPLIANT',
        logging(t) ? 'the trail is logging' : 'the trail is not logging',
      ),
    );
  },
  CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED: (context) =>
    eachOfType(
      context,
      TRAIL,
      (t) => (props(t).CloudWatchLogsLogGroupArn ? undefined : 'does not deliver to CloudWatch Logs'),
      'delivers to a CloudWatch Logs log group',
    ),
  CLOUD_TRAIL_ENCRYPTION_ENABLED: (context) =>
    eachOfType(
      context,
      TRAIL,
      (t) => (props(t).KMSKeyId ? undefined : 'log files are not encrypted with a KMS key'),
      'log files are encrypted with a KMS key',
    ),
  CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED: (context) =>
    eachOfType(
      context,
      TRAIL,
      (t) => (props(t).EnableLogFileValidation === true ? undefined : 'log file validation is off'),
      'signed digest files validate its log files',
    ),
  MULTI_REGION_CLOUD_TRAIL_ENABLED: (context) => {
    const trails = resourcesOf(context.stacks, TRAIL);
    const good = trails.filter((t) => props(t).IsMultiRegionTrail === true && logging(t) && allManagementEvents(t));
    if (good.length === 0)
      return [judgeAccount(context, 'NON_COMPLIANT', 'no logging multi-region trail records every management event')];
    return good.map((t) =>
      judge(context, t, 'COMPLIANT', 'a logging multi-region trail recording every management event'),
    );
  },
  CLOUDTRAIL_S3_DATAEVENTS_ENABLED: (context) => {
    const wanted = csvParameter(context, 'S3BucketNames');
    const recorded = resourcesOf(context.stacks, TRAIL)
      .filter(logging)
      .flatMap((t) => dataEventBuckets(context, t));
    const missing =
      wanted.length === 0
        ? recorded.includes('*')
          ? []
          : ['every bucket']
        : wanted.filter(
            (name) =>
              !recorded.some((prefix) => prefix === '*' || `arn:<AWS::Partition>:s3:::${name}/`.startsWith(prefix)),
          );
    return missing.length === 0
      ? [
          judgeAccount(
            context,
            'COMPLIANT',
            `a trail records S3 data events of ${wanted.length > 0 ? wanted.join(', ') : 'every bucket'}`,
          ),
        ]
      : [judgeAccount(context, 'NON_COMPLIANT', `no trail records S3 data events of ${missing.join(', ')}`)];
  },
};
