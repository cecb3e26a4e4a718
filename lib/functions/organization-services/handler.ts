/**
 * The invocation: request → organisation setting → answer to CloudFormation → one JSON log line. The
 * request, the answer and the time budget work as in the account-settings function (whose modules this one
 * uses): the answer is always sent when the event names where to send it —
 * - a malformed request or malformed properties: FAILED with one `where: reason` line per problem (Delete:
 *   SUCCESS, nothing is changed);
 * - a call that fails (access denied, not the delegated administrator — the reason says what to register —,
 *   another account already registered, throttling beyond the SDK's retries): FAILED with the step, the AWS
 *   error code and message;
 * - running out of time: the call is abandoned RESPONSE_RESERVE_MS before Lambda would end the invocation,
 *   and FAILED says so (the next attempt reads the real state);
 * - a defect of the function itself: FAILED (Delete: SUCCESS) with the error.
 * When the answer cannot be delivered (after SEND_ATTEMPTS), the error is logged and thrown, so Lambda's
 * asynchronous retries run the (idempotent) invocation again. Nothing else is thrown.
 */
import { Budget, StepError } from '../account-settings/budget';
import { parseRequest, type CustomResourceRequest, type ResponseTarget } from '../account-settings/event';
import { buildResponse, describeUrl, sendResponse, type SendResult } from '../account-settings/response';
import { errorText } from '../common/aws-errors';
import type { Clients } from './clients';
import { OtherAdministratorError } from './administrators';
import { runRequest } from './run';
import { parseProperties } from './properties';

export type Logger = (level: 'info' | 'warn' | 'error', entry: Record<string, unknown>) => void;

export interface Timing {
  /** Time kept at the end of the invocation for the answer (milliseconds). @default RESPONSE_RESERVE_MS */
  readonly responseReserveMs?: number;
  /** Wait before the first retry of the answer's PUT, doubled after. @default 1000 */
  readonly sendRetryDelayMs?: number;
  /** Longest wait for one PUT of the answer. @default 5000 */
  readonly sendTimeoutMs?: number;
}

export interface HandlerDependencies {
  readonly clients: () => Clients;
  /** @default - one JSON line on stdout (info) or stderr (warn, error) */
  readonly log?: Logger;
  readonly timing?: Timing;
}

export interface InvocationContext {
  getRemainingTimeInMillis?(): number;
}

/** Time kept for the answer: the AWS call is abandoned this long before the end of the invocation. */
export const RESPONSE_RESERVE_MS = 20_000;
/** Attempts to deliver the answer (the first and two retries). */
export const SEND_ATTEMPTS = 3;

export interface HandlerResult {
  readonly requestType?: string;
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason: string;
  readonly physicalResourceId: string;
  readonly data: Record<string, string>;
  readonly problems?: readonly string[];
  readonly response: SendResult;
}

/** The physical id: one setting per account and region, so an Update never replaces the resource. */
export function physicalIdFor(account: string, region: string): string {
  return `organization-services-${account}-${region}`;
}

const jsonLogger: Logger = (level, entry) =>
  (level === 'info' ? console.log : console.error)(JSON.stringify({ level, ...entry }));

export class ResponseNotSentError extends Error {
  constructor(readonly result: HandlerResult) {
    super(`the answer to CloudFormation could not be sent: ${result.response.error}`);
    this.name = 'ResponseNotSentError';
  }
}

export function createHandler(deps: HandlerDependencies) {
  const log = deps.log ?? jsonLogger;
  const timing = deps.timing ?? {};
  const reserve = timing.responseReserveMs ?? RESPONSE_RESERVE_MS;

  return async function handler(event: unknown, context?: InvocationContext): Promise<HandlerResult | undefined> {
    const remaining = context?.getRemainingTimeInMillis?.();
    const end = remaining === undefined ? undefined : Date.now() + remaining;
    const parsed = parseRequest(event);
    if (!parsed.ok && !parsed.target) {
      log('error', {
        message: 'organization-services: the event names no response URL: nothing can be answered',
        problems: parsed.problems,
      });
      return undefined;
    }
    const target: ResponseTarget = parsed.ok ? parsed.request : parsed.target!;
    const requestType = parsed.ok ? parsed.request.requestType : (event as { RequestType?: string }).RequestType;
    let answer: Omit<HandlerResult, 'response'>;
    try {
      answer = parsed.ok
        ? await respond(parsed.request, deps, end === undefined ? undefined : end - reserve)
        : failure(requestType, target, 'invalid request', parsed.problems);
    } catch (error) {
      const why =
        error instanceof StepError || error instanceof OtherAdministratorError
          ? error.message
          : `unexpected error: ${errorText(error)}`;
      answer = failure(requestType, target, why, [], parsed.ok ? physicalIdOf(parsed.request) : undefined);
    }

    const response = await sendResponse(target.responseUrl, buildResponse(target, answer), {
      attempts: SEND_ATTEMPTS,
      timeoutMs: timing.sendTimeoutMs ?? 5_000,
      retryDelayMs: timing.sendRetryDelayMs ?? 1_000,
      ...(end === undefined ? {} : { deadline: end - 500 }),
      onFailure: (attempt, error) =>
        log('warn', {
          message: `organization-services: sending the answer failed (attempt ${attempt} of ${SEND_ATTEMPTS}): ${error}`,
        }),
    });
    const result: HandlerResult = { ...answer, response };
    log(answer.status === 'SUCCESS' && response.sent ? 'info' : 'error', {
      message: `organization-services: ${requestType ?? 'request'} ${answer.status}: ${answer.reason}`,
      responseUrl: describeUrl(target.responseUrl),
      result,
    });
    if (!response.sent) throw new ResponseNotSentError(result);
    return result;
  };
}

const physicalIdOf = (request: CustomResourceRequest) =>
  request.physicalResourceId ?? physicalIdFor(request.account, request.region);

/** A request that cannot be carried out: FAILED, except Delete, which changes nothing and succeeds. */
function failure(
  requestType: string | undefined,
  target: ResponseTarget,
  why: string,
  problems: readonly string[],
  physicalResourceId?: string,
): Omit<HandlerResult, 'response'> {
  const status = requestType === 'Delete' ? ('SUCCESS' as const) : ('FAILED' as const);
  const reason = `${why}${problems.length ? `: ${problems.join('; ')}` : ''}${status === 'SUCCESS' ? ' (Delete: nothing was changed)' : ''}`;
  return {
    ...(requestType ? { requestType } : {}),
    status,
    reason,
    physicalResourceId:
      physicalResourceId ??
      target.physicalResourceId ??
      `organization-services-failed-${target.requestId}`.slice(0, 255),
    data: {},
    ...(problems.length ? { problems } : {}),
  };
}

async function respond(
  request: CustomResourceRequest,
  deps: HandlerDependencies,
  deadline: number | undefined,
): Promise<Omit<HandlerResult, 'response'>> {
  const { requestType, account, region } = request;
  const physicalResourceId = physicalIdOf(request);
  const properties = parseProperties(request.resourceProperties);
  if (!properties.ok)
    return failure(requestType, request, 'invalid properties', properties.problems, physicalResourceId);
  const report = await runRequest(
    { clients: deps.clients(), budget: new Budget(deadline), account, region, token: request.requestId },
    requestType,
    properties.setting,
  );
  return {
    requestType,
    status: 'SUCCESS',
    reason: `${requestType}: ${report.detail}`,
    physicalResourceId,
    data: { Account: account, Region: region, ...report.data },
  };
}
