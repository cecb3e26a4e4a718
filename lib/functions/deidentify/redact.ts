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
  if (detections.length === 0) return [];
  interface Candidate {
    readonly d: Detection;
    readonly order: number;
    readonly rendered: string;
  }
  const effective: Candidate[] = [];
  for (let order = 0; order < detections.length; order++) {
    const d = detections[order];
    if (d.end <= d.start) continue;
    const value = text.slice(d.start, d.end);
    const rendered = render(d.type, value, context);
    if (rendered !== value) effective.push({ d, order, rendered });
  }
  if (effective.length > 1) {
    effective.sort((a, b) => a.d.start - b.d.start || b.d.end - a.d.end || a.order - b.order);
  }
  const replacements: Replacement[] = [];
  let i = 0;
  while (i < effective.length) {
    // A cluster: the detections overlapping the first one or each other.
    const start = effective[i].d.start;
    let end = effective[i].d.end;
    let lead = effective[i];
    let j = i + 1;
    for (; j < effective.length && effective[j].d.start < end; j++) {
      const c = effective[j];
      end = Math.max(end, c.d.end);
      const length = c.d.end - c.d.start;
      const leadLength = lead.d.end - lead.d.start;
      if (length > leadLength || (length === leadLength && c.order < lead.order)) lead = c;
    }
    const covers = lead.d.start === start && lead.d.end === end;
    replacements.push({
      start,
      end,
      type: lead.d.type,
      method: lead.d.method,
      text: covers ? lead.rendered : token(lead.d.type),
    });
    i = j;
  }
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
