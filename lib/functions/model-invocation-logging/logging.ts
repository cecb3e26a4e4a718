/**
 * What a request does to the account's model invocation logging (one configuration per account and region):
 * - Create and Update read the configuration and write it only when it differs from the properties; a
 *   configuration that logged elsewhere (set by hand, or by another tool) is replaced, and the answer says
 *   where it logged before.
 * - Delete changes nothing, like the account-settings function: removing the resource never turns an audit
 *   control off. Logging goes on into the retained bucket and log group until someone deletes the
 *   configuration on purpose (`aws bedrock delete-model-invocation-logging-configuration`).
 */
import {
  GetModelInvocationLoggingConfigurationCommand,
  PutModelInvocationLoggingConfigurationCommand,
  type LoggingConfig,
} from '@aws-sdk/client-bedrock';
import type { Budget } from '../account-settings/budget';
import type { RequestType } from '../account-settings/event';
import type { Clients } from './clients';
import { DATA_KINDS } from './properties';

export type Outcome = 'applied' | 'unchanged' | 'left-in-place';

export interface LoggingReport {
  readonly outcome: Outcome;
  /** One line saying what was found and done. */
  readonly detail: string;
  /** Values for the response's Data (each readable with Fn::GetAtt). */
  readonly data: Readonly<Record<string, string>>;
}

/** Destinations of a configuration in words: `s3://bucket/prefix, CloudWatch Logs group`. */
export function describeDestinations(config: LoggingConfig | undefined): string {
  const parts = [
    ...(config?.s3Config?.bucketName ? [`s3://${config.s3Config.bucketName}/${config.s3Config.keyPrefix ?? ''}`] : []),
    ...(config?.cloudWatchConfig?.logGroupName ? [`log group ${config.cloudWatchConfig.logGroupName}`] : []),
  ];
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** A configuration in one comparable form (absent switches are off, empty prefixes absent). */
function canonical(config: LoggingConfig | undefined): string {
  const s3 = (value: { bucketName?: string; keyPrefix?: string } | undefined) =>
    value?.bucketName ? { bucketName: value.bucketName, keyPrefix: value.keyPrefix || undefined } : undefined;
  const cw = config?.cloudWatchConfig;
  return JSON.stringify({
    s3Config: s3(config?.s3Config),
    cloudWatchConfig: cw?.logGroupName
      ? {
          logGroupName: cw.logGroupName,
          roleArn: cw.roleArn,
          largeDataDeliveryS3Config: s3(cw.largeDataDeliveryS3Config),
        }
      : undefined,
    ...Object.fromEntries(
      DATA_KINDS.map((kind) => {
        const key = `${kind.toLowerCase()}DataDeliveryEnabled` as keyof LoggingConfig;
        return [key, config?.[key] === true];
      }),
    ),
  });
}

export interface LoggingContext {
  readonly clients: Clients;
  readonly budget: Budget;
  readonly region: string;
}

/** Create/Update: the configuration of the properties, written only when it differs. */
export async function applyLogging(ctx: LoggingContext, wanted: LoggingConfig): Promise<LoggingReport> {
  const { bedrock } = ctx.clients;
  const current = await ctx.budget.call('GetModelInvocationLoggingConfiguration', (options) =>
    bedrock.send(new GetModelInvocationLoggingConfigurationCommand({}), options),
  );
  const before = current.loggingConfig;
  const data = { Destinations: describeDestinations(wanted), PreviousDestinations: describeDestinations(before) };
  if (canonical(before) === canonical(wanted)) {
    return {
      outcome: 'unchanged',
      detail: `${ctx.region}: already logging to ${data.Destinations}`,
      data,
    };
  }
  await ctx.budget.call('PutModelInvocationLoggingConfiguration', (options) =>
    bedrock.send(new PutModelInvocationLoggingConfigurationCommand({ loggingConfig: wanted }), options),
  );
  const was = before ? `replaced the configuration logging to ${data.PreviousDestinations}` : 'logging was off';
  return { outcome: 'applied', detail: `${ctx.region}: ${was}; now logging to ${data.Destinations}`, data };
}

/** The report of a request: Delete never calls AWS. */
export async function runRequest(
  ctx: LoggingContext,
  requestType: RequestType,
  wanted: LoggingConfig,
): Promise<LoggingReport> {
  if (requestType !== 'Delete') return applyLogging(ctx, wanted);
  return {
    outcome: 'left-in-place',
    detail: `${ctx.region}: model invocation logging left in place (deleting the resource never turns an audit control off)`,
    data: { Destinations: describeDestinations(wanted) },
  };
}
