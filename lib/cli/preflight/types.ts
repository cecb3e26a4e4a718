/** What a check concluded: deployable as configured, something to change first, or could not be read. */
export type CheckStatus = 'ready' | 'action' | 'unknown';

/** One entry of the report. */
export interface CheckResult {
  /** Stable name (`bootstrap:us-east-1`, `accountServices.guardDuty`). */
  readonly check: string;
  readonly status: CheckStatus;
  /** What was found. */
  readonly detail: string;
  /** The exact configuration change or command; empty when ready. */
  readonly fix: string;
}

export interface PreflightReport {
  /** The account the credentials belong to (or the configured one when it could not be read). */
  readonly account: string | null;
  readonly regions: { readonly primary: string; readonly dr: string };
  readonly checks: readonly CheckResult[];
  readonly summary: Readonly<Record<CheckStatus, number>>;
}

/** A call that failed after the SDK's retries. */
export interface ReadFailure {
  readonly ok: false;
  /** IAM-style operation name (`lambda:GetAccountSettings`). */
  readonly operation: string;
  /** The service's error code (`AccessDeniedException`), or the network error's. */
  readonly code: string;
  readonly attempts?: number;
}

/** The outcome of one read: its value, or why it could not be read. */
export type Read<T> = { readonly ok: true; readonly value: T } | ReadFailure;

export const ok = <T>(value: T): Read<T> => ({ ok: true, value });

/** `lambda:GetAccountSettings AccessDeniedException (after 5 attempts)`. */
export function describeFailure(failure: ReadFailure): string {
  const attempts = failure.attempts && failure.attempts > 1 ? ` (after ${failure.attempts} attempts)` : '';
  return `${failure.operation} ${failure.code}${attempts}`;
}

/** The failures among reads, for an `unknown` detail. */
export function failuresOf(...reads: readonly (Read<unknown> | undefined)[]): ReadFailure[] {
  return reads.filter((read): read is ReadFailure => read !== undefined && !read.ok);
}

/** An `unknown` result naming every call that could not be read. */
export function unknownResult(check: string, failures: readonly ReadFailure[], known = ''): CheckResult {
  const described = [...new Set(failures.map(describeFailure))];
  const detail = `could not read: ${described.join(', ')}${known ? `; ${known}` : ''}`;
  return { check, status: 'unknown', detail, fix: '' };
}

export const ready = (check: string, detail: string): CheckResult => ({ check, status: 'ready', detail, fix: '' });
export const action = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: 'action',
  detail,
  fix,
});

/** Regions the preflight looks at. */
export interface Regions {
  readonly primary: string;
  readonly dr: string;
  /** Where account-wide reads go (STS, IAM, the region list): the partition's global region. */
  readonly account: string;
}
