import type { Budget } from './budget';
import type { Clients } from './clients';

/** What every setting's step needs. */
export interface SettingContext {
  readonly clients: Clients;
  readonly budget: Budget;
  /** The stack's account and region (from the event). */
  readonly account: string;
  readonly region: string;
  /** Identify what this resource owns (the Macie job's tags and idempotency token). */
  readonly stackId: string;
  readonly logicalResourceId: string;
  /** Time between two reads of Inspector's status (milliseconds). */
  readonly pollIntervalMs: number;
  /** Longest wait for Inspector to report the requested types enabled (milliseconds). */
  readonly inspectorWaitMs: number;
}
