import type { Citation, ConfigRuleIdentifier } from '../../lib/controls/catalog.generated';
import type { TemplateResource } from '../rule';

/** Registry metadata of a rule `hipaa-baseline check` applies to final templates only. */
export interface TemplateRuleInfo {
  /** Suffix of the rule id (`HIPAABaseline-<id>`); also the rule's file name. */
  readonly id: string;
  readonly level: 'error' | 'warning';
  /** Why the rule was triggered, one line. */
  readonly info: string;
  /** Why the rule exists and how to fix (or acknowledge) a finding. */
  readonly explanation: string;
  /** HIPAA Security Rule citations the rule enforces. */
  readonly citations: readonly Citation[];
  /** The AWS Config rule that verifies the same property in the running account, when there is one. */
  readonly configRules?: readonly ConfigRuleIdentifier[];
}

/** What a template rule reports. */
export interface TemplateRuleFinding {
  /** Resource the finding is about (a resource of the baseline for removed ones). */
  readonly logicalId: string;
  readonly message: string;
  /**
   * Finding id: the rule id becomes `HIPAABaseline-<id>[<findingId>]` and only an acknowledgement of
   * exactly that id suppresses it (cdk-nag's granular findings work the same way).
   */
  readonly findingId?: string;
}

/** A final template as template rules see it. */
export interface FinalTemplate {
  /** Every resource, by logical id. */
  readonly resources: ReadonlyMap<string, TemplateResource>;
  /** The template's top-level Metadata section. */
  readonly metadata: Readonly<Record<string, unknown>>;
  /** Problems with the rule settings recorded in Metadata; empty when they are valid or absent. */
  readonly settingsProblems: readonly string[];
}

/** A rule over one whole final template. */
export interface TemplateRule extends TemplateRuleInfo {
  readonly check: (template: FinalTemplate) => TemplateRuleFinding[];
}

/** A change to a data-holding resource versus the baseline, derived from the CloudFormation diff. */
export type StatefulChange =
  | {
      readonly kind: 'removed';
      readonly logicalId: string;
      readonly type: string;
      /** DeletionPolicy keeps the data (the resource is orphaned rather than deleted). */
      readonly retained: boolean;
    }
  | {
      readonly kind: 'replaced';
      readonly logicalId: string;
      readonly type: string;
      /** What forces the replacement, e.g. `BucketName changes → replacement`. */
      readonly causes: readonly string[];
    }
  | { readonly kind: 'renamed'; readonly oldLogicalId: string; readonly logicalId: string; readonly type: string }
  | {
      /** A security control the baseline template recorded in its inventory is gone (or retyped). */
      readonly kind: 'control-removed';
      readonly logicalId: string;
      readonly type: string;
      readonly control: string;
    }
  | {
      readonly kind: 'retain-removed';
      readonly logicalId: string;
      readonly type: string;
      readonly policy: 'DeletionPolicy' | 'UpdateReplacePolicy';
      readonly from: string;
      readonly to: string | undefined;
    };

/** A rule of the stateful-change guard (`check --baseline`). */
export interface ChangeRule extends TemplateRuleInfo {
  readonly check: (changes: readonly StatefulChange[]) => TemplateRuleFinding[];
}
