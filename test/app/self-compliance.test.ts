import { loadAssembly, type StackInput } from '../../lib/cli/control-map/load';
import type { ConfigRuleIdentifier } from '../../lib/controls/catalog.generated';
import {
  CONFIG_RULE_EXEMPTIONS,
  describeExemptResources,
  exemptionCovers,
  MIN_REASON_LENGTH,
  type ConfigRuleExemption,
} from '../../lib/controls/config-rule-exemptions';
import { configRuleSpecs } from '../../lib/controls/config-rule-specs';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';
import {
  coverageOf,
  deployedManagedRules,
  evaluateAssembly,
  EVALUATOR_GROUPS,
  groupsOf,
  type Evaluation,
} from '../support/config-rule-evaluation';
import { CANNOT_JUDGE } from '../support/config-rule-evaluation/cannot-judge';
import { NOT_APPLICABLE } from '../support/config-rule-evaluation/not-applicable';

const stacks = loadAssembly(DEFAULT_ASSEMBLY).stacks;
const deployed = deployedManagedRules(stacks);
const evaluations = evaluateAssembly(stacks);
const nonCompliant = evaluations.filter((e) => e.compliance === 'NON_COMPLIANT');

const resourceOf = (e: Evaluation) => stacks.find((s) => s.id === e.stack)?.template.Resources?.[e.logicalId];
const covering = (e: Evaluation) =>
  CONFIG_RULE_EXEMPTIONS.filter((x) => x.rule === e.rule && resourceOf(e) && exemptionCovers(x, resourceOf(e)!));
const line = (e: Evaluation) => `${e.rule} ${e.stack}/${e.logicalId} (${e.type}): ${e.why}`;

/** Every managed identifier the baseline can deploy, in either deployment mode (process checks only in a pack). */
const deployable = configRuleSpecs({
  namePrefix: 'hipaa',
  parameterOverrides: {},
  derivedParameters: {},
  logGroupRetentionDays: 365,
}).flatMap((spec) => (spec.sourceIdentifier ? [spec.sourceIdentifier] : []));

const typesIn = (all: readonly StackInput[]) =>
  new Set(all.flatMap((stack) => Object.values(stack.template.Resources ?? {}).map((r) => r.Type)));

describe('every deployed AWS Config managed rule is covered by the self-check', () => {
  test('the default assembly deploys the managed rules of the pack (once each)', () => {
    expect(deployed.length).toBeGreaterThanOrEqual(130);
    expect(new Set(deployed.map((r) => r.identifier)).size).toBe(deployed.length);
  });

  test.each([...new Set([...deployable, ...deployed.map((r) => r.identifier)])])(
    '%s is evaluated, not applicable, or cannot be judged — exactly one',
    (identifier) => {
      expect(groupsOf(identifier)).toHaveLength(1);
    },
  );

  test('no group lists a rule the baseline cannot deploy (a stale entry)', () => {
    const listed = [
      ...Object.values(EVALUATOR_GROUPS).flatMap((group) => Object.keys(group)),
      ...Object.keys(NOT_APPLICABLE),
      ...Object.keys(CANNOT_JUDGE),
    ];
    expect(listed.filter((identifier) => !deployable.includes(identifier as ConfigRuleIdentifier))).toEqual([]);
  });

  test('rules NOT_APPLICABLE to the baseline: no template holds a resource of their types', () => {
    const present = typesIn(stacks);
    const found = deployed.flatMap((rule) => {
      const coverage = coverageOf(rule.identifier);
      return coverage?.kind === 'not-applicable'
        ? coverage.resourceTypes.filter((type) => present.has(type)).map((type) => `${rule.identifier}: ${type}`)
        : [];
    });
    expect(found).toEqual([]);
  });

  test('rules that cannot be judged from a template say why', () => {
    for (const reason of Object.values(CANNOT_JUDGE)) expect(reason!.length).toBeGreaterThanOrEqual(40);
  });
});

describe('the baseline passes its own AWS Config rules', () => {
  test('every NON_COMPLIANT result is a recorded exemption', () => {
    expect(nonCompliant.filter((e) => covering(e).length === 0).map(line)).toEqual([]);
  });

  test('every exemption still matches a NON_COMPLIANT result (stale exemptions are removed)', () => {
    const used = (x: ConfigRuleExemption) => nonCompliant.some((e) => covering(e).includes(x));
    expect(
      CONFIG_RULE_EXEMPTIONS.filter((x) => !used(x)).map((x) => `${x.rule}: ${describeExemptResources(x.resources)}`),
    ).toEqual([]);
  });

  test('every exemption is of a deployed rule and gives a reason', () => {
    for (const exemption of CONFIG_RULE_EXEMPTIONS) {
      expect(deployed.map((r) => r.identifier)).toContain(exemption.rule);
      expect(exemption.reason.length).toBeGreaterThanOrEqual(MIN_REASON_LENGTH);
    }
  });

  test.each<ConfigRuleIdentifier>([
    'IAM_PASSWORD_POLICY',
    'EC2_EBS_ENCRYPTION_BY_DEFAULT',
    'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
    'GUARDDUTY_ENABLED_CENTRALIZED',
    'SECURITYHUB_ENABLED',
    'CLOUD_TRAIL_ENABLED',
    'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED',
    'CLOUD_TRAIL_ENCRYPTION_ENABLED',
    'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
    'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    'CLOUDWATCH_ALARM_ACTION_CHECK',
    'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY',
    'NO_UNRESTRICTED_ROUTE_TO_IGW',
    'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS',
    'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
    'SAGEMAKER_DOMAIN_IN_VPC',
  ])('%s passes, with the parameters it is deployed with', (rule) => {
    const results = evaluations.filter((e) => e.rule === rule);
    expect(results.filter((e) => e.compliance === 'COMPLIANT').length).toBeGreaterThan(0);
    expect(results.filter((e) => e.compliance === 'NON_COMPLIANT').map(line)).toEqual([]);
  });
});
