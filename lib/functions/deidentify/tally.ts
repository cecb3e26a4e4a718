/**
 * What a run removed, counted by identifier type and by how it was found. Locations and spans go only to
 * an optional observer (the recall measurement); the counts go into the manifest. Values never do.
 */
import type { DetectionMethod, IdentifierType } from './identifiers';
import type { Replacement } from './redact';

/** Where a replacement was made: a line of text, a CSV cell, a JSON value (by path, and line for JSON Lines). */
export interface Location {
  readonly line?: number;
  readonly row?: number;
  readonly column?: number;
  readonly path?: string;
}

export type Observer = (location: Location, replacement: Replacement) => void;

export class Tally {
  readonly byType: Partial<Record<IdentifierType, number>> = {};
  readonly byMethod: Record<DetectionMethod, number> = { rule: 0, model: 0, field: 0 };

  constructor(private readonly observer?: Observer) {}

  add(location: Location, replacements: readonly Replacement[]): void {
    for (const r of replacements) {
      this.byType[r.type] = (this.byType[r.type] ?? 0) + 1;
      this.byMethod[r.method]++;
      this.observer?.(location, r);
    }
  }

  /** Identifiers removed in all. */
  get total(): number {
    return Object.values(this.byType).reduce((sum, n) => sum + (n ?? 0), 0);
  }
}
