import { join } from 'node:path';

/** Repository root. */
export const ROOT = join(__dirname, '..', '..');
/** Where the global setup writes the default assembly (shared by every test file). */
export const DEFAULT_ASSEMBLY = join(ROOT, 'test', '.cache', 'default.out');
/** Example configuration of an account where Control Tower and earlier setups created the once-per-account services. */
export const CONTROL_TOWER_CONFIG = join(ROOT, 'config', 'control-tower.example.json');
/** Where the global setup writes the assembly of that configuration. */
export const CONTROL_TOWER_ASSEMBLY = join(ROOT, 'test', '.cache', 'control-tower.out');
/** Example configuration of organisation mode (AWS Organizations, StackSets, SCPs). */
export const ORGANIZATION_CONFIG = join(ROOT, 'config', 'organization.example.json');
/** Where the global setup writes the assembly of that configuration. */
export const ORGANIZATION_ASSEMBLY = join(ROOT, 'test', '.cache', 'organization.out');
