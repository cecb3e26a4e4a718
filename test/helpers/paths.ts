import { join } from 'node:path';

/** Repository root. */
export const ROOT = join(__dirname, '..', '..');
/** Where the global setup writes the default assembly (shared by every test file). */
export const DEFAULT_ASSEMBLY = join(ROOT, 'test', '.cache', 'default.out');
