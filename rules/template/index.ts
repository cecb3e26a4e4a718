import { AcknowledgementReason } from './AcknowledgementReason';
import { ControlIntact } from './ControlIntact';
import { ControlRemoved } from './ControlRemoved';
import { ObjectLockGovernanceMode } from './ObjectLockGovernanceMode';
import type { ChangeRule, TemplateRule, TemplateRuleInfo } from './rule';
import { RuleSettingsValid } from './RuleSettingsValid';
import { StatefulResourceRemoved } from './StatefulResourceRemoved';
import { StatefulResourceReplaced } from './StatefulResourceReplaced';
import { StatefulRetainPolicyRemoved } from './StatefulRetainPolicyRemoved';
import { TemplateLoadable } from './TemplateLoadable';

/** Rules `hipaa-baseline check` applies to each final template, besides the synth gate's packs. */
export const TEMPLATE_RULES: readonly TemplateRule[] = [
  AcknowledgementReason,
  RuleSettingsValid,
  ObjectLockGovernanceMode,
  ControlIntact,
];

/** Rules of the stateful-change guard (`check --baseline`). */
export const CHANGE_RULES: readonly ChangeRule[] = [
  StatefulResourceRemoved,
  StatefulResourceReplaced,
  StatefulRetainPolicyRemoved,
  ControlRemoved,
];

/** Every template-only rule, for the rule registry (acknowledgements, control map). */
export const TEMPLATE_RULE_INFOS: readonly TemplateRuleInfo[] = [...TEMPLATE_RULES, TemplateLoadable, ...CHANGE_RULES];

export { TEMPLATE_LEVEL } from './RuleSettingsValid';
export { TemplateLoadable } from './TemplateLoadable';
export type {
  ChangeRule,
  FinalTemplate,
  StatefulChange,
  TemplateRule,
  TemplateRuleFinding,
  TemplateRuleInfo,
} from './rule';
