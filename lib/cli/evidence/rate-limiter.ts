import type { RateLimiter } from '@smithy/util-retry';

/** Time source of the limiter (injected in tests). */
export interface Clock {
  /** Milliseconds, monotonic. */
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels it. */
  setTimer(fn: () => void, ms: number): () => void;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  setTimer: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

export interface AdaptiveRateLimiterOptions {
  /** Slowest pace, requests per second. @default 0.5 */
  readonly minRate?: number;
  /** Pace increase per success, as a fraction. @default 0.01 */
  readonly increase?: number;
  /** Pace increase per success while probing (no reliable estimate, or no throttle for `quietPeriod`). @default 0.25 */
  readonly probeIncrease?: number;
  /** Time without a throttle after which the limiter probes again, ms. @default 3000 */
  readonly quietPeriod?: number;
  /** Pace factor applied on a throttle (the cut is smaller when the measured success rate is higher). @default 0.9 */
  readonly decrease?: number;
  /** Window over which successes are counted to estimate the server's rate, ms. @default 1000 */
  readonly window?: number;
  readonly clock?: Clock;
}

/**
 * Client-side pacing for the SDK's adaptive retry strategy (it plugs in as its `rateLimiter`). Unlimited until
 * the first throttle; then it releases waiting sends one at a time, evenly spaced at the current rate. The rate
 * is first set to the success rate just measured, raised a little on every success and, on a throttle, cut to
 * the measured success rate (what the server grants) or by `decrease`, whichever is less. Without a reliable
 * measurement (a throttle before a few successes) or after a long time without throttles it probes: the rate
 * grows quickly until the next throttle. A throttled request costs the server nothing, so the rate may settle
 * slightly above the server's limit, where a small share of requests is throttled and the server is never idle
 * — unlike the SDK's default limiter, which backs off well below the limit.
 */
export class AdaptiveRateLimiter implements RateLimiter {
  /** Requests per second; undefined while no throttle was seen. */
  rate: number | undefined;
  sends = 0;
  throttles = 0;
  private readonly waiting: (() => void)[] = [];
  private cancelTimer?: () => void;
  private lastRelease = Number.NEGATIVE_INFINITY;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private probing = false;
  private successes: number[] = [];
  private readonly started: number;
  private readonly minRate: number;
  private readonly increase: number;
  private readonly probeIncrease: number;
  private readonly quietPeriod: number;
  private readonly decrease: number;
  private readonly window: number;
  private readonly clock: Clock;

  constructor(options: AdaptiveRateLimiterOptions = {}) {
    this.minRate = options.minRate ?? 0.5;
    this.increase = options.increase ?? 0.01;
    this.probeIncrease = options.probeIncrease ?? 0.25;
    this.quietPeriod = options.quietPeriod ?? 3000;
    this.decrease = options.decrease ?? 0.9;
    this.window = options.window ?? 1000;
    this.clock = options.clock ?? systemClock;
    this.started = this.clock.now();
  }

  getSendToken(): Promise<void> {
    this.sends += 1;
    if (this.rate === undefined) {
      this.lastRelease = this.clock.now();
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  /** Called by the retry strategy after every attempt: `{}` on success, the error info otherwise. */
  updateClientSendingRate(response: any): void {
    const now = this.clock.now();
    if (response?.errorType === 'THROTTLING') {
      this.throttles += 1;
      this.onThrottle(now);
    } else if (response?.errorType === undefined && response?.error === undefined) {
      this.successes.push(now);
      if (this.successes.length > 4096) this.prune(now);
      if (this.rate === undefined) return;
      if (now - this.lastDecrease > this.quietPeriod) this.probing = true;
      this.rate *= 1 + (this.probing ? this.probeIncrease : this.increase);
    } else {
      return;
    }
    this.reschedule();
  }

  /** Releases the next waiting send when its slot has come, else sets a timer for it. */
  private pump(): void {
    if (this.cancelTimer || this.waiting.length === 0) return;
    const now = this.clock.now();
    const wait = this.rate === undefined ? 0 : this.lastRelease + 1000 / this.rate - now;
    if (wait <= 0) {
      this.lastRelease = now;
      this.waiting.shift()!();
      if (this.waiting.length > 0) this.pump();
      return;
    }
    this.cancelTimer = this.clock.setTimer(() => {
      this.cancelTimer = undefined;
      this.pump();
    }, wait);
  }

  /** A new rate applies to the send already waiting too. */
  private reschedule(): void {
    if (!this.cancelTimer) return;
    this.cancelTimer();
    this.cancelTimer = undefined;
    this.pump();
  }

  private prune(now: number): void {
    this.successes = this.successes.filter((t) => t > now - this.window);
  }

  private onThrottle(now: number): void {
    this.prune(now);
    if (this.rate === undefined) {
      // First throttle: the successes so far, over at least 200 ms, estimate the server's rate; with few
      // successes the estimate is rough, so probe from it.
      const elapsed = Math.max(200, now - this.started);
      this.probing = this.successes.length < 5;
      this.rate = Math.max(this.minRate, 1, (this.successes.length * 1000) / elapsed);
      this.lastDecrease = now;
      return;
    }
    // Throttles of requests sent before the last cut say nothing new about the new pace.
    if (now - this.lastDecrease < 1000 / this.rate) return;
    this.probing = false;
    // A throttle means the pace is above the server's rate, so successes arrive at about that rate: never cut
    // below it (the window lags a rising pace, so the cut is bounded too).
    const reliable = this.successes.length >= 5 && now - this.started >= this.window;
    const measured = (this.successes.length * 1000) / this.window;
    const cut = this.rate * this.decrease;
    this.rate = Math.max(this.minRate, reliable ? Math.min(this.rate, Math.max(measured, cut)) : cut);
    this.lastDecrease = now;
  }
}
