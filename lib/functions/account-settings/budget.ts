/**
 * Time of an invocation. Every AWS call goes through `call`, which starts no call after the deadline,
 * abandons a call still running at the deadline, and names the step in the error it throws, so a setting
 * that fails is reported as `Step: Code: message`.
 */
import { errorCode, errorText } from '../common/aws-errors';

/** Thrown by `call`: which step failed, and the service's error. */
export class StepError extends Error {
  constructor(
    readonly step: string,
    readonly cause: unknown,
  ) {
    super(`${step}: ${describeCause(cause)}`);
    this.name = 'StepError';
  }
}

/** The deadline passed before the step could start. */
export class OutOfTimeError extends Error {
  constructor() {
    super('not started: the invocation ran out of time');
    this.name = 'OutOfTime';
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof OutOfTimeError) return cause.message;
  if (errorCode(cause) === 'AbortError') {
    return `${errorText(cause)} (abandoned at the deadline; it may have taken effect: the next run reads the real state)`;
  }
  return errorText(cause);
}

export class Budget {
  /** @param deadline epoch milliseconds after which no AWS call may still run (undefined: no limit) */
  constructor(readonly deadline?: number) {}

  expired(): boolean {
    return this.deadline !== undefined && Date.now() >= this.deadline;
  }

  /** Options for an SDK `send`: abandon the call at the deadline. */
  options(): { abortSignal: AbortSignal } | undefined {
    return this.deadline === undefined
      ? undefined
      : { abortSignal: AbortSignal.timeout(Math.max(1, this.deadline - Date.now())) };
  }

  /** Waits `ms`, or until the deadline when that comes first; false when the deadline cut it short. */
  async sleep(ms: number): Promise<boolean> {
    const left = this.deadline === undefined ? ms : Math.min(ms, this.deadline - Date.now());
    if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    return left >= ms;
  }

  /** Runs one AWS call as a named step. */
  async call<T>(step: string, send: (options?: { abortSignal: AbortSignal }) => Promise<T>): Promise<T> {
    if (this.expired()) throw new StepError(step, new OutOfTimeError());
    try {
      return await send(this.options());
    } catch (error) {
      throw new StepError(step, error);
    }
  }
}
