/**
 * Rule parameters derived from what the baseline builds, some of them tokens of other stacks (VPC and route
 * table ids of the network stack), in both deployment modes: individual rules take them as cross-stack
 * references, a conformance pack as input parameters of its template.
 */
import { buildBaseline } from '../../lib/app/build-baseline';
import { loadAssembly, type StackInput } from '../../lib/cli/control-map/load';
import { parseConfig } from '../../lib/config/load';
import { CONFIG_RULE_EXEMPTIONS, exemptionCovers } from '../../lib/controls/config-rule-exemptions';
import { testApp } from '../helpers/app';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';
import { deployedManagedRules, evaluateAssembly } from '../support/config-rule-evaluation';
import { canonical } from '../support/config-rule-evaluation/template';

const TOKEN_RULES = [
  'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY',
  'NO_UNRESTRICTED_ROUTE_TO_IGW',
  'CLOUDWATCH_ALARM_ACTION_CHECK',
  'CLOUDTRAIL_S3_DATAEVENTS_ENABLED',
];

/** A parameter of a deployed rule as comparable text (references resolved across stacks). */
function parameter(stacks: readonly StackInput[], identifier: string, name: string): string {
  const rule = deployedManagedRules(stacks).find((r) => r.identifier === identifier)!;
  const home = stacks.find((s) => s.id === rule.stack)!;
  return canonical(rule.parameters[name], home, stacks);
}

/** NON_COMPLIANT results no exemption covers. */
function unexempted(stacks: readonly StackInput[]): string[] {
  return evaluateAssembly(stacks)
    .filter((e) => e.compliance === 'NON_COMPLIANT')
    .filter((e) => {
      const resource = stacks.find((s) => s.id === e.stack)?.template.Resources?.[e.logicalId];
      return !CONFIG_RULE_EXEMPTIONS.some((x) => x.rule === e.rule && resource && exemptionCovers(x, resource));
    })
    .map((e) => `${e.rule} ${e.stack}/${e.logicalId}: ${e.why}`);
}

describe('individual rules (default)', () => {
  const stacks = loadAssembly(DEFAULT_ASSEMBLY).stacks;

  test('AuthorizedVpcIds names the VPCs of the environments with an internet gateway, by cross-stack reference', () => {
    expect(parameter(stacks, 'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY', 'AuthorizedVpcIds')).toBe(
      '<Network:NetworkProdVpc78774BEE>,<Network:NetworkNonprodVpc654E2AE3>',
    );
  });

  test('routeTableIds names the ingress tier route tables only', () => {
    const tables = parameter(stacks, 'NO_UNRESTRICTED_ROUTE_TO_IGW', 'routeTableIds').split(',');
    expect(tables).toHaveLength(6);
    for (const table of tables) expect(table).toMatch(/^<Network:Network(Prod|Nonprod)VpcingressSubnet\dRouteTable/);
  });

  test('alarms must notify the alert topic; insufficient-data actions are not required', () => {
    expect(parameter(stacks, 'CLOUDWATCH_ALARM_ACTION_CHECK', 'action1')).toMatch(/^<SecurityTooling:AlertsTopic/);
    expect(parameter(stacks, 'CLOUDWATCH_ALARM_ACTION_CHECK', 'insufficientDataActionRequired')).toBe('false');
  });

  test('only tcp/443 may be open to the internet, and only PHI buckets need data events', () => {
    expect(parameter(stacks, 'VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS', 'authorizedTcpPorts')).toBe('443');
    expect(parameter(stacks, 'CLOUDTRAIL_S3_DATAEVENTS_ENABLED', 'S3BucketNames').split(',')).toEqual([
      'hipaa-raw-phi-<AWS::AccountId>-<AWS::Region>',
      'hipaa-raw-phi-dr-<AWS::AccountId>-us-west-2',
      'hipaa-deidentified-<AWS::AccountId>-<AWS::Region>',
      'hipaa-deidentified-dr-<AWS::AccountId>-us-west-2',
      'hipaa-bedrock-logs-<AWS::AccountId>-<AWS::Region>',
    ]);
  });
});

describe('conformance pack', () => {
  // Construct paths in the template Metadata, as the CDK CLI writes them (exemptions match on them).
  const app = testApp({ 'aws:cdk:enable-path-metadata': true });
  buildBaseline(app, parseConfig({ controls: { configRulesDeployment: 'conformance-pack' } }), { gate: false });
  const stacks = loadAssembly(app.synth().directory).stacks;
  const tooling = stacks.find((s) => s.id === 'SecurityTooling')!;
  const [[packId, pack]] = Object.entries(tooling.template.Resources ?? {}).filter(
    ([, r]) => r.Type === 'AWS::Config::ConformancePack',
  );
  // Inline up to 51,200 bytes, else an S3 asset the loader reads.
  const inline = pack.Properties!.TemplateBody;
  const body: any = inline === undefined ? tooling.packTemplates[packId] : JSON.parse(inline);

  test('token parameters are input parameters of the pack, referred to by its template', () => {
    const inputs = pack.Properties!.ConformancePackInputParameters as { ParameterName: string }[];
    expect(inputs.map((i) => i.ParameterName).sort()).toEqual(Object.keys(body.Parameters).sort());
    expect(JSON.stringify(body)).not.toMatch(/Fn::|\$\{Token/);
    const igw = Object.values(body.Resources).find(
      (r: any) => r.Properties.Source.SourceIdentifier === 'INTERNET_GATEWAY_AUTHORIZED_VPC_ONLY',
    ) as any;
    expect(igw.Properties.InputParameters.AuthorizedVpcIds).toEqual({ Ref: expect.any(String) });
  });

  test.each(TOKEN_RULES)('%s receives the same values as the individual rule', (identifier) => {
    const defaults = loadAssembly(DEFAULT_ASSEMBLY).stacks;
    const rule = deployedManagedRules(defaults).find((r) => r.identifier === identifier)!;
    for (const name of Object.keys(rule.parameters)) {
      expect(parameter(stacks, identifier, name)).toBe(parameter(defaults, identifier, name));
    }
  });

  test('the baseline passes its own rules in this mode too', () => {
    expect(unexempted(stacks)).toEqual([]);
  });
});
