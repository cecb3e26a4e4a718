import { closeSync, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Temp files not yet renamed into place; removed if the process is interrupted. */
const pending = new Set<string>();
let handlersInstalled = false;

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const file of pending) rmSync(file, { force: true });
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * Writes several files so that each appears whole or not at all: every content goes to a temp file in the
 * target's directory (same file system), is flushed to disk, and only when all are written are they renamed
 * into place. On an error, or SIGINT/SIGTERM, the temp files are removed and no target is touched.
 */
export function writeFilesAtomic(files: ReadonlyMap<string, string>): void {
  installSignalHandlers();
  const staged: [string, string][] = [];
  try {
    for (const [target, content] of files) {
      const temp = join(
        dirname(target),
        `.${basename(target)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`,
      );
      pending.add(temp);
      const fd = openSync(temp, 'wx', 0o644);
      try {
        writeSync(fd, content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      staged.push([temp, target]);
    }
    for (const [temp, target] of staged) {
      renameSync(temp, target);
      pending.delete(temp);
    }
  } finally {
    for (const [temp] of staged) if (pending.has(temp)) rmSync(temp, { force: true });
    for (const temp of pending) rmSync(temp, { force: true });
    pending.clear();
  }
}
