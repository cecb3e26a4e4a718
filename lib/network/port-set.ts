/** A set of integers (ports, or addresses) as sorted, disjoint, inclusive ranges. */
export type RangeSet = readonly (readonly [number, number])[];

export const EMPTY: RangeSet = [];

/** Normalises ranges: sorted, merged where they touch or overlap. */
export function normalise(ranges: Iterable<readonly [number, number]>): RangeSet {
  const sorted = [...ranges].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export const union = (...sets: RangeSet[]): RangeSet => normalise(sets.flat());

export function intersect(a: RangeSet, b: RangeSet): RangeSet {
  const out: [number, number][] = [];
  for (const [alo, ahi] of a) {
    for (const [blo, bhi] of b) {
      const lo = Math.max(alo, blo);
      const hi = Math.min(ahi, bhi);
      if (lo <= hi) out.push([lo, hi]);
    }
  }
  return normalise(out);
}

export function subtract(a: RangeSet, b: RangeSet): RangeSet {
  let rest: [number, number][] = a.map(([lo, hi]) => [lo, hi]);
  for (const [blo, bhi] of b) {
    rest = rest.flatMap(([lo, hi]): [number, number][] => {
      if (bhi < lo || blo > hi) return [[lo, hi]];
      const parts: [number, number][] = [];
      if (lo < blo) parts.push([lo, blo - 1]);
      if (bhi < hi) parts.push([bhi + 1, hi]);
      return parts;
    });
  }
  return normalise(rest);
}

export const isEmpty = (set: RangeSet) => set.length === 0;

/** Renders ports as `443`, `1024-65535`, joined by commas. */
export function renderRanges(set: RangeSet): string {
  return set.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(',');
}

/** Splits ranges at the boundaries of the given blocks, so each part lies wholly inside or outside each block. */
export function splitAt(ranges: RangeSet, blocks: readonly { first: number; last: number }[]): [number, number][] {
  const cuts = [...new Set(blocks.flatMap((block) => [block.first, block.last + 1]))].sort((a, b) => a - b);
  return ranges.flatMap(([low, high]) => {
    const parts: [number, number][] = [];
    let start = low;
    for (const cut of cuts) {
      if (cut > start && cut <= high) {
        parts.push([start, cut - 1]);
        start = cut;
      }
    }
    parts.push([start, high]);
    return parts;
  });
}
