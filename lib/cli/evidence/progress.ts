import { SingleBar } from 'cli-progress';
import type { CallStats } from './api';
import type { CollectProgress } from './collect';

/** Stops the progress display. */
export type StopProgress = () => void;

/**
 * A progress bar on `stream` (stderr) — rules done/total, calls, throttles, retries — redrawn a few times a
 * second; nothing at all unless the stream is a TTY and `quiet` is off.
 */
export function startProgress(
  stream: NodeJS.WriteStream,
  quiet: boolean,
  progress: CollectProgress,
  stats: CallStats,
): StopProgress {
  if (quiet || !stream.isTTY) return () => undefined;
  const bar = new SingleBar({
    stream,
    format: 'evidence [{bar}] rules {value}/{total} | calls {calls} | throttles {throttles} | retries {retries}',
    hideCursor: true,
    clearOnComplete: false,
    noTTYOutput: false,
  });
  const payload = () => ({
    calls: Object.values(stats.calls).reduce((a, b) => a + b, 0),
    throttles: stats.throttles,
    retries: stats.retries,
  });
  bar.start(progress.rulesTotal, progress.rulesDone, payload());
  const timer = setInterval(() => {
    bar.setTotal(progress.rulesTotal);
    bar.update(progress.rulesDone, payload());
  }, 200);
  return () => {
    clearInterval(timer);
    bar.setTotal(progress.rulesTotal);
    bar.update(progress.rulesDone, payload());
    bar.stop();
  };
}
