import type { ControlMap } from './model';

/** The control map model as JSON (two-space indented, no timestamps: re-runs diff cleanly). */
export function renderJson(map: ControlMap): string {
  return `${JSON.stringify(map, null, 2)}\n`;
}
