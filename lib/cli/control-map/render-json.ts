import type { AnyControlMap } from './model';

/** The control map model as JSON (two-space indented, no timestamps: re-runs diff cleanly). */
export function renderJson(map: AnyControlMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}
