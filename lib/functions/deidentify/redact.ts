/**
 * From detections to replacements: each detection is rendered (dates to their year, ages over 89 to
 * "90+", ZIP codes to three digits, everything else to `[TYPE]`); detections that change nothing (a
 * bare year, an age under 90) are dropped; overlapping ones are merged into one replacement covering
 * them all, typed after the longest (the first found on a tie: labelled rules, then patterns, then
 * the model).
 */
import { generalizeAge, generalizeDate } from './dates';
import type { Detection, DetectionMethod, IdentifierType } from './identifiers';
import { generalizeZip } from './zip';

/** One replacement in a text (offsets into the original text). */
export interface Replacement {
  readonly start: number;
  readonly end: number;
  readonly type: IdentifierType;
  readonly method: DetectionMethod;
  /** What replaces the span. */
  readonly text: string;
}

export interface RenderContext {
  /** Year dates are judged against: a year 90 or more years before it is removed too. */
  readonly referenceYear: number;
}

/** The bracketed token of a type: `[NAME]`, `[SSN]`. */
export const token = (type: IdentifierType) => `[${type}]`;

/**
 * What a value of a type becomes. Equal to the value when nothing is to be removed (a recent year, an
 * age under 90).
 */
export function render(type: IdentifierType, value: string, context: RenderContext): string {
  switch (type) {
    case 'DATE':
      return generalizeDate(value, context.referenceYear);
    case 'AGE':
      return generalizeAge(value);
    case 'ZIP':
      return generalizeZip(value) ?? token('ZIP');
    default:
      return token(type);
  }
}

/** The replacements for a text's detections: rendered, no-ops dropped, overlaps merged, in text order. */
export function planReplacements(
  text: string,
  detections: readonly Detection[],
  context: RenderContext,
): Replacement[] {
  const effective = detections
    .map((d, order) => ({ ...d, order, rendered: render(d.type, text.slice(d.start, d.end), context) }))
    .filter((d) => d.end > d.start && d.rendered !== text.slice(d.start, d.end))
    .sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const replacements: Replacement[] = [];
  let cluster: (typeof effective)[number][] = [];
  let clusterEnd = -1;
  const flush = () => {
    if (cluster.length === 0) return;
    const start = cluster[0].start;
    const lead = [...cluster].sort((a, b) => b.end - b.start - (a.end - a.start) || a.order - b.order)[0];
    const covers = lead.start === start && lead.end === clusterEnd;
    replacements.push({
      start,
      end: clusterEnd,
      type: lead.type,
      method: lead.method,
      text: covers ? lead.rendered : token(lead.type),
    });
    cluster = [];
  };
  for (const detection of effective) {
    if (detection.start >= clusterEnd) {
      flush();
      clusterEnd = detection.end;
    } else {
      clusterEnd = Math.max(clusterEnd, detection.end);
    }
    cluster.push(detection);
  }
  flush();
  return replacements;
}

/** The text with the replacements (from planReplacements: sorted, not overlapping) applied. */
export function applyReplacements(text: string, replacements: readonly Replacement[]): string {
  if (replacements.length === 0) return text;
  const parts: string[] = [];
  let at = 0;
  for (const r of replacements) {
    parts.push(text.slice(at, r.start), r.text);
    at = r.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}
