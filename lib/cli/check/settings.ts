import { RULE_SETTINGS_METADATA_KEY, type RuleSettings } from '../../../rules';
import { ruleSettings } from '../../app/gate';
import { ConfigError, parseConfig } from '../../config/load';
import { baselineConfigSchema } from '../../config/schema';

/**
 * The rule settings a template records in Metadata (`hipaa-baseline:rule-settings`), validated by the
 * configuration schema. Absent: the configuration defaults. Invalid: the defaults, and the problems.
 */
export function readRuleSettings(metadata: Readonly<Record<string, unknown>>): {
  settings: RuleSettings;
  problems: string[];
} {
  const recorded = metadata[RULE_SETTINGS_METADATA_KEY];
  const defaults = ruleSettings(parseConfig({}));
  if (recorded === undefined) return { settings: defaults, problems: [] };
  if (!recorded || typeof recorded !== 'object' || Array.isArray(recorded)) {
    return { settings: defaults, problems: ['not an object of settings'] };
  }
  const known = Object.entries(recorded).filter(([key]) => key in baselineConfigSchema.shape);
  try {
    return { settings: ruleSettings(parseConfig(Object.fromEntries(known))), problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { settings: defaults, problems: [...error.problems] };
  }
}
