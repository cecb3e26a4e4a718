/**
 * The invocation: request → settings → answer to CloudFormation → one JSON log line. The answer is always
 * sent when the event names where to send it:
 * - a malformed request or malformed properties: FAILED with one `where: reason` line per problem (Delete:
 *   SUCCESS, nothing is changed);
 * - a setting that fails (access denied, validation, throttling beyond the SDK's retries): FAILED with the
 *   step, the AWS error code and message, and which settings were done;
 * - running out of time: AWS calls are abandoned RESPONSE_RESERVE_MS before Lambda would end the
 *   invocation, and a guard answers with what was done so far even if a step does not return;
 * - a defect of the function itself: FAILED (Delete: SUCCESS) with the error.
 * When the answer cannot be delivered (after SEND_ATTEMPTS), the error is logged and thrown, so Lambda's
 * asynchronous retries run the (idempotent) invocation again and try once more. Nothing else is thrown.
 */
import { errorText } from '../common/aws-errors';
import { Application } from './apply';
import { Budget } from './budget';
import type { Clients } from './clients';
import { parseRequest, physicalIdFor, type CustomResourceRequest, type ResponseTarget } from './event';
import { parseProperties } from './properties';
import { summarize, type SettingReport } from './report';
import { buildResponse, describeUrl, sendResponse, type SendResult } from './response';

export type Logger = (level: 'info' | 'warn' | 'error', entry: Record<string, unknown>) => void;

export interface Timing {
  /** Time kept at the end of the invocation for the answer (milliseconds). @default RESPONSE_RESERVE_MS */
  readonly responseReserveMs?: number;
  /** Time between two reads of Inspector's status. @default 5000 */
  readonly pollIntervalMs?: number;
  /** Longest wait for Inspector to enable the requested types. @default 120000 */
  readonly inspectorWaitMs?: number;
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

/** Time kept for the answer: calls are abandoned, and the guard answers, this long before the end. */
export const RESPONSE_RESERVE_MS = 20_000;
/** Attempts to deliver the answer (the first and two retries). */
export const SEND_ATTEMPTS = 3;
/** Time the guard gives a step to return after its calls were abandoned at the deadline. */
const GUARD_GRACE_MS = 2_000;

export interface HandlerResult {
  readonly requestType?: string;
  readonly status: 'SUCCESS' | 'FAILED';
  readonly reason: string;
  readonly physicalResourceId: string;
  readonly data: Record<string, string>;
  readonly settings: readonly SettingReport[];
  readonly problems?: readonly string[];
  readonly response: SendResult;
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
        message: 'account-settings: the event names no response URL: nothing can be answered',
        problems: parsed.problems,
      });
      return undefined;
    }
    const target: ResponseTarget = parsed.ok ? parsed.request : parsed.target!;
    const requestType = parsed.ok ? parsed.request.requestType : (event as { RequestType?: string }).RequestType;
    let answer: Omit<HandlerResult, 'response'>;
    try {
      answer = parsed.ok
        ? await respond(parsed.request, deps, timing, end === undefined ? undefined : end - reserve)
        : failure(requestType, target, 'invalid request', parsed.problems);
    } catch (error) {
      answer = failure(requestType, target, `unexpected error: ${errorText(error)}`, []);
    }

    const document = buildResponse(target, answer);
    const response = await sendResponse(target.responseUrl, document, {
      attempts: SEND_ATTEMPTS,
      timeoutMs: timing.sendTimeoutMs ?? 5_000,
      retryDelayMs: timing.sendRetryDelayMs ?? 1_000,
      ...(end === undefined ? {} : { deadline: end - 500 }),
      onFailure: (attempt, error) =>
        log('warn', {
          message: `account-settings: sending the answer failed (attempt ${attempt} of ${SEND_ATTEMPTS}): ${error}`,
        }),
    });
    const result: HandlerResult = { ...answer, response };
    log(answer.status === 'SUCCESS' && response.sent ? 'info' : 'error', {
      message: `account-settings: ${requestType ?? 'request'} ${answer.status}: ${answer.reason}`,
      responseUrl: describeUrl(target.responseUrl),
      result,
    });
    if (!response.sent) throw new ResponseNotSentError(result);
    return result;
  };
}

/** A request that cannot be carried out: FAILED, except Delete, which changes nothing and succeeds. */
function failure(requestType: string | undefined, target: ResponseTarget, why: string, problems: readonly string[]) {
  const status = requestType === 'Delete' ? ('SUCCESS' as const) : ('FAILED' as const);
  const reason = `${why}${problems.length ? `: ${problems.join('; ')}` : ''}${status === 'SUCCESS' ? ' (Delete: nothing was changed)' : ''}`;
  return {
    ...(requestType ? { requestType } : {}),
    status,
    reason,
    physicalResourceId: target.physicalResourceId ?? `account-settings-failed-${target.requestId}`.slice(0, 255),
    data: {},
    settings: [],
    ...(problems.length ? { problems } : {}),
  };
}

async function respond(
  request: CustomResourceRequest,
  deps: HandlerDependencies,
  timing: Timing,
  deadline: number | undefined,
): Promise<Omit<HandlerResult, 'response'>> {
  const { requestType, account, region } = request;
  const physicalResourceId = request.physicalResourceId ?? physicalIdFor(account, region);
  const properties = parseProperties(request.resourceProperties);
  if (!properties.ok) {
    return { ...failure(requestType, request, 'invalid properties', properties.problems), physicalResourceId };
  }
  const app = new Application(
    {
      clients: deps.clients(),
      budget: new Budget(deadline),
      account,
      region,
      stackId: request.stackId,
      logicalResourceId: request.logicalResourceId,
      pollIntervalMs: timing.pollIntervalMs ?? 5_000,
      inspectorWaitMs: timing.inspectorWaitMs ?? 120_000,
    },
    requestType,
    properties.settings,
    previousSettings(request),
  );
  const settings = await withGuard(app, deadline);
  const summary = summarize(requestType, settings, { account, region });
  return { requestType, ...summary, physicalResourceId, settings };
}

/** Update: the settings of the old properties, when they are valid (only the classification job is read). */
function previousSettings(request: CustomResourceRequest) {
  if (request.requestType !== 'Update') return undefined;
  const old = parseProperties(request.oldResourceProperties);
  return old.ok ? old.settings : undefined;
}

/** The settings' reports, or — when the steps have not returned shortly after the deadline — those so far. */
async function withGuard(app: Application, deadline: number | undefined): Promise<SettingReport[]> {
  if (deadline === undefined) return app.run();
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<SettingReport[]>((resolve) => {
    timer = setTimeout(
      () => resolve(app.snapshot('did not finish before the invocation ran out of time')),
      Math.max(0, deadline - Date.now()) + GUARD_GRACE_MS,
    );
  });
  try {
    return await Promise.race([app.run(), guard]);
  } finally {
    clearTimeout(timer);
  }
}
