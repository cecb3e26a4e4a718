/**
 * HIPAABaseline-RuleSettingsValid — the rule settings a template records in its Metadata
 * (`hipaa-baseline:rule-settings`, written by the app from the validated configuration) pass the same
 * validation as the configuration. A template edited to lower its own bar (say, one day of log
 * retention) is reported, and its rules are judged by the configuration's defaults instead.
 *
 * Scenarios:
 * - non-compliant: a setting below the configuration's minimum or of the wrong type
 * - compliant: valid settings; no settings recorded (the defaults apply)
 */
import { RULE_SETTINGS_METADATA_KEY } from '../rule';
import type { TemplateRule } from './rule';

/** Logical id used for findings about the template as a whole. */
export const TEMPLATE_LEVEL = '(template)';

export const RuleSettingsValid: TemplateRule = {
  id: 'RuleSettingsValid',
  level: 'error',
  info: 'The rule settings recorded in the template Metadata are weaker than the configuration allows.',
  explanation:
    `Rules compare resources against the settings in Metadata "${RULE_SETTINGS_METADATA_KEY}". Settings the ` +
    'configuration would reject are ignored (defaults apply); regenerate the template from a valid configuration.',
  citations: ['164.308(a)(8)', '164.312(b)', '164.316(b)(2)(i)'],
  check({ settingsProblems }) {
    return settingsProblems.map((problem) => ({
      logicalId: TEMPLATE_LEVEL,
      message: `Metadata "${RULE_SETTINGS_METADATA_KEY}": ${problem}; the configuration defaults were used instead.`,
    }));
  },
};
