/**
 * Free text through both detectors: the rules on each text, the model on all of them at once (so many
 * short texts — lines, cells, JSON strings — share requests), then the replacements applied.
 */
import type { Detection, IdentifierType } from './identifiers';
import type { PhiModel } from './model';
import { applyReplacements, planReplacements, render, type RenderContext, type Replacement } from './redact';
import { detectByRulesEach } from './rules';

export interface DeidentifiedText {
  readonly text: string;
  /** What was replaced, with offsets into the original text. */
  readonly replacements: readonly Replacement[];
}

export class Deidentifier {
  constructor(
    /** Comprehend Medical, or undefined for rules only (tests of the rules, the benchmark's rule figures). */
    private readonly model: PhiModel | undefined,
    readonly context: RenderContext,
  ) {}

  /** Each text de-identified, in order. */
  async texts(texts: readonly string[]): Promise<DeidentifiedText[]> {
    const modelFound: Detection[][] = this.model ? await this.model.detect(texts) : texts.map(() => []);
    const ruleFound = detectByRulesEach(texts);
    return texts.map((text, i) => {
      const replacements = planReplacements(text, [...ruleFound[i], ...modelFound[i]], this.context);
      return { text: applyReplacements(text, replacements), replacements };
    });
  }

  /**
   * A value known to be of one type (the column or key says so): rendered as a whole, or unchanged when
   * nothing is to be removed (an empty value, a recent year, an age under 90).
   */
  field(type: IdentifierType, value: string): DeidentifiedText {
    if (value.trim() === '') return { text: value, replacements: [] };
    const text = render(type, value.trim(), this.context);
    if (text === value.trim()) return { text: value, replacements: [] };
    return { text, replacements: [{ start: 0, end: value.length, type, method: 'field', text }] };
  }
}
