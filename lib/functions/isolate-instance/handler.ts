/**
 * The invocation: settings → event → isolation → alert → log. Every invocation publishes one alert to the
 * topic (when the topic ARN itself is valid) and logs one JSON line with the full result, so no outcome is
 * silent. Nothing throws out of here except, deliberately and only after publishing and logging,
 * IncompleteResponseError, which hands the event to Lambda's asynchronous retries and then its dead-letter
 * queue:
 * - when isolation or preservation is incomplete for a reason a later attempt may overcome (throttling
 *   beyond the SDK's retries, 5xx, network): the next attempt is idempotent and completes what is missing;
 * - when the alert could not be published (and the event was not simply ignored): the next attempt
 *   re-reports the state (normally "already-isolated"), and the dead-letter queue keeps the event if
 *   publishing keeps failing.
 * Bad settings, malformed events, unknown instances and permission errors are not retried: a retry would
 * give the same answer. The isolation stops ALERT_RESERVE_MS before Lambda would end the invocation (see
 * ./isolate.ts), so the alert and the log line are never cut off by the function's timeout.
 */
import { PublishCommand } from '@aws-sdk/client-sns';
import { errorText } from '../common/aws-errors';
import type { Clients } from './clients';
import { readSettings } from './config';
import { notActionable, parseFindingEvent } from './event';
import { isolateInstance } from './isolate';
import { renderAlert } from './report';
import { simpleResult, type IsolationResult } from './result';

/** Where an invocation's log line goes. */
export type Logger = (level: 'info' | 'error', entry: Record<string, unknown>) => void;

export interface HandlerDependencies {
  /** The SDK clients (created on first use). */
  readonly clients: () => Clients;
  /** The environment the settings are read from. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** @default - the system clock */
  readonly now?: () => Date;
  /** @default - one JSON line on stdout (info) or stderr (error) */
  readonly log?: Logger;
}

/** The Lambda context fields the function reads. */
export interface InvocationContext {
  readonly invokedFunctionArn?: string;
  getRemainingTimeInMillis?(): number;
}

/**
 * Time kept at the end of an invocation for the alert and the log line: AWS calls of the isolation are
 * abandoned, and later steps not started, this long before Lambda would stop the invocation. Give the
 * function a timeout well above it (a minute or more).
 */
export const ALERT_RESERVE_MS = 10_000;
/** Time kept for the log line after the alert (the publish is abandoned this long before the end). */
const LOG_RESERVE_MS = 1_000;

export interface HandlerResult extends IsolationResult {
  /** Whether the alert reached the topic. */
  readonly notification: 'published' | 'failed' | 'not-sent';
  readonly notificationError?: string;
}

/** Thrown after reporting, to let Lambda retry the event (and keep it in the dead-letter queue). */
export class IncompleteResponseError extends Error {
  constructor(
    message: string,
    public readonly result: HandlerResult,
  ) {
    super(message);
    this.name = 'IncompleteResponseError';
  }
}

const jsonLogger: Logger = (level, entry) =>
  (level === 'error' ? console.error : console.log)(JSON.stringify({ level, ...entry }));

export function createHandler(deps: HandlerDependencies) {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? jsonLogger;

  return async function handler(event: unknown, context?: InvocationContext): Promise<HandlerResult> {
    const read = readSettings(deps.env);
    const topic = read.ok ? read.settings.alertTopicArn : read.alertTopicArn;
    const remaining = context?.getRemainingTimeInMillis?.();
    const end = remaining === undefined ? undefined : Date.now() + remaining;
    let result: IsolationResult;
    try {
      result = await respond(event, context, read, deps, now, end === undefined ? undefined : end - ALERT_RESERVE_MS);
    } catch (error) {
      // A defect, not an AWS answer (those are handled step by step): still reported, never thrown raw.
      result = simpleResult('failed', `unexpected error: ${errorText(error)}`, {
        dryRun: read.ok ? read.settings.dryRun : false,
        errors: [errorText(error)],
      });
    }

    let final: HandlerResult = { ...result, notification: 'not-sent' };
    if (topic) {
      try {
        const alert = renderAlert(result);
        await deps.clients().sns.send(
          new PublishCommand({
            TopicArn: topic,
            Subject: alert.subject,
            Message: alert.message,
            MessageAttributes: { status: { DataType: 'String', StringValue: result.status } },
          }),
          end === undefined
            ? undefined
            : { abortSignal: AbortSignal.timeout(Math.max(1, end - LOG_RESERVE_MS - Date.now())) },
        );
        final = { ...result, notification: 'published' };
      } catch (error) {
        final = { ...result, notification: 'failed', notificationError: errorText(error) };
      }
    }

    const incomplete = ['partial', 'failed'].includes(final.status) || final.notification !== 'published';
    log(incomplete ? 'error' : 'info', {
      message: `isolate-instance: ${final.status}: ${final.reason}`,
      result: final,
    });

    const retryIsolation = final.retryable && !final.dryRun;
    const retryAlert = final.notification === 'failed' && final.status !== 'ignored';
    if (retryIsolation || retryAlert) {
      const why = retryIsolation
        ? 'incomplete for a transient reason'
        : `alert not published (${final.notificationError})`;
      throw new IncompleteResponseError(
        `${final.status}: ${final.reason}; ${why}; handing the event to Lambda's retry`,
        final,
      );
    }
    return final;
  };
}

async function respond(
  event: unknown,
  context: InvocationContext | undefined,
  read: ReturnType<typeof readSettings>,
  deps: HandlerDependencies,
  now: () => Date,
  deadline: number | undefined,
): Promise<IsolationResult> {
  if (!read.ok) {
    return simpleResult('failed', 'invalid settings: nothing was done', { dryRun: false, problems: read.problems });
  }
  const settings = read.settings;
  const parsed = parseFindingEvent(event);
  if (!parsed.ok) {
    return simpleResult('ignored', 'not a GuardDuty finding about an EC2 instance: nothing was done', {
      dryRun: settings.dryRun,
      problems: parsed.problems,
    });
  }
  const finding = parsed.finding;
  const account = context?.invokedFunctionArn?.split(':')[4];
  const skip = notActionable(finding, settings, account);
  if (skip) {
    return simpleResult('ignored', `${skip}: nothing was done`, {
      dryRun: settings.dryRun,
      finding,
      instanceId: finding.instanceId,
    });
  }
  const clients = deps.clients();
  return isolateInstance({
    ec2: clients.ec2,
    detachClients: clients,
    finding,
    settings,
    now,
    ...(deadline ? { deadline } : {}),
  });
}
