import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { validatePage, MalformedResponseError } from '../../../lib/cli/evidence/api';
import { startProgress } from '../../../lib/cli/evidence/progress';
import { AdaptiveRateLimiter, type Clock } from '../../../lib/cli/evidence/rate-limiter';
import { writeFilesAtomic } from '../../../lib/cli/evidence/write-atomic';
import { tempDir } from '../../helpers/temp';

/** A manual clock: timers fire only when the test advances time. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer: (fn, ms) => {
      const timer = { at: now + ms, fn };
      timers.push(timer);
      return () => (timers = timers.filter((t) => t !== timer));
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.fn();
      }
      now = end;
    },
  };
}

const THROTTLE = { errorType: 'THROTTLING', error: new Error('Rate exceeded') };

describe('AdaptiveRateLimiter', () => {
  test('sends without waiting until the first throttle', async () => {
    const limiter = new AdaptiveRateLimiter({ clock: fakeClock() });
    await Promise.all(Array.from({ length: 20 }, () => limiter.getSendToken()));
    expect(limiter.rate).toBeUndefined();
  });

  test('after a throttle it paces sends at the success rate measured so far, one at a time', async () => {
    const clock = fakeClock();
    const limiter = new AdaptiveRateLimiter({ clock });
    for (let i = 0; i < 10; i++) {
      clock.advance(100);
      limiter.updateClientSendingRate({});
    }
    limiter.updateClientSendingRate(THROTTLE);
    expect(limiter.rate).toBeCloseTo(10, 5);
    const released: number[] = [];
    const waits = Array.from({ length: 4 }, (_, i) => limiter.getSendToken().then(() => released.push(i)));
    await Promise.resolve();
    expect(released).toEqual([0]);
    clock.advance(99);
    await Promise.resolve();
    expect(released).toEqual([0]);
    clock.advance(1);
    await Promise.resolve();
    expect(released).toEqual([0, 1]);
    clock.advance(200);
    await Promise.all(waits);
    expect(released).toEqual([0, 1, 2, 3]);
  });

  test('successes raise the rate, throttles cut it, never below the success rate measured or the floor', () => {
    const clock = fakeClock();
    const limiter = new AdaptiveRateLimiter({ clock, minRate: 0.5 });
    for (let i = 0; i < 10; i++) {
      clock.advance(100);
      limiter.updateClientSendingRate({});
    }
    limiter.updateClientSendingRate(THROTTLE);
    const base = limiter.rate!;
    clock.advance(100);
    limiter.updateClientSendingRate({});
    expect(limiter.rate!).toBeGreaterThan(base);
    clock.advance(150);
    limiter.updateClientSendingRate(THROTTLE);
    expect(limiter.rate!).toBeLessThan(base * 1.02);
    expect(limiter.rate!).toBeGreaterThanOrEqual(base * 0.9 - 1e-9);
    for (let i = 0; i < 200; i++) {
      clock.advance(3000);
      limiter.updateClientSendingRate(THROTTLE);
    }
    expect(limiter.rate).toBe(0.5);
    expect(limiter.throttles).toBe(202);
  });

  test('other errors leave the rate alone', () => {
    const limiter = new AdaptiveRateLimiter({ clock: fakeClock() });
    limiter.updateClientSendingRate({ errorType: 'TRANSIENT', error: new Error('500') });
    expect(limiter.rate).toBeUndefined();
  });
});

describe('page validation', () => {
  test('a page whose items lack required fields is malformed (retried, never read as fewer rows)', () => {
    expect(() =>
      validatePage('GetComplianceDetailsByConfigRule', {
        EvaluationResults: [
          {
            EvaluationResultIdentifier: { EvaluationResultQualifier: { ResourceType: 'T' } },
            ComplianceType: 'NON_COMPLIANT',
          },
        ],
      }),
    ).toThrow(MalformedResponseError);
    expect(() => validatePage('DescribeConfigRules', { ConfigRules: {} })).toThrow(/ConfigRules is not a list/);
    expect(() => validatePage('DescribeConfigRules', { ConfigRules: [], NextToken: 42 })).toThrow(/NextToken/);
    expect(() => validatePage('DescribeConfigRules', { ConfigRules: [{ ConfigRuleName: 'r' }] })).not.toThrow();
  });
});

describe('writeFilesAtomic', () => {
  test('writes every file whole and leaves no temporary file', () => {
    const dir = tempDir('atomic-');
    writeFilesAtomic(
      new Map([
        [join(dir, 'a.json'), '{"a":1}\n'],
        [join(dir, 'b.md'), '# b\n'],
      ]),
    );
    expect(readdirSync(dir).sort()).toEqual(['a.json', 'b.md']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('{"a":1}\n');
  });

  test('a failure while writing leaves the previous files as they were and no temporary file', () => {
    const dir = tempDir('atomic-');
    writeFileSync(join(dir, 'a.json'), 'previous');
    const files = new Map([
      [join(dir, 'a.json'), 'new content'],
      [join(dir, 'missing-dir', 'b.md'), 'cannot be written'],
    ]);
    expect(() => writeFilesAtomic(files)).toThrow(/ENOENT/);
    expect(readdirSync(dir).sort()).toEqual(['a.json']);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('previous');
    expect(existsSync(join(dir, 'missing-dir'))).toBe(false);
  });
});

describe('progress', () => {
  const stats = { calls: { DescribeConfigRules: 2, GetComplianceDetailsByConfigRule: 5 }, throttles: 3, retries: 4 };

  test('draws rules done/total, calls, throttles and retries on a TTY', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 }) as unknown as NodeJS.WriteStream;
    let text = '';
    (stream as unknown as PassThrough).on('data', (chunk) => (text += String(chunk)));
    const stop = startProgress(stream, false, { rulesDone: 7, rulesTotal: 9 }, stats);
    stop();
    expect(text).toContain('rules 7/9 | calls 7 | throttles 3 | retries 4');
  });

  test('is silent when the stream is not a TTY, or with --quiet', () => {
    for (const [isTTY, quiet] of [
      [false, false],
      [true, true],
    ]) {
      const stream = Object.assign(new PassThrough(), { isTTY, columns: 120 }) as unknown as NodeJS.WriteStream;
      let text = '';
      (stream as unknown as PassThrough).on('data', (chunk) => (text += String(chunk)));
      startProgress(stream, quiet, { rulesDone: 1, rulesTotal: 2 }, stats)();
      expect(text).toBe('');
    }
  });
});
