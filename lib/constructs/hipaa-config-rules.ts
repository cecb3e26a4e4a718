import { App, Stack, Stage, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acknowledge } from '../controls/acknowledge';
import type { ConfigRuleSpec } from '../controls/config-rule-specs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

export interface HipaaConfigRulesProps {
  /** The rules to deploy (configRuleSpecs). HIPAA 164.308(a)(8) evaluation. */
  readonly rules: readonly ConfigRuleSpec[];
  /** One AWS::Config::ConformancePack instead of individual rules. */
  readonly asConformancePack: boolean;
  /** Name of the conformance pack, when deployed as one. */
  readonly packName: string;
  /** Aggregator source: this account (plus listed accounts) in every region, or the organization. */
  readonly aggregator: { readonly source: 'account' | 'organization'; readonly accountIds: readonly string[] };
  readonly aggregatorName: string;
}

/** Largest conformance pack TemplateBody AWS Config accepts. */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

/** CloudFormation properties of a Config rule (shared by the individual rules and the pack template). */
export function ruleProperties(spec: ConfigRuleSpec): config.CfnConfigRuleProps {
  const source: config.CfnConfigRule.SourceProperty = spec.guard
    ? {
        owner: 'CUSTOM_POLICY',
        sourceDetails: [{ eventSource: 'aws.config', messageType: 'ConfigurationItemChangeNotification' }],
        customPolicyDetails: {
          policyRuntime: 'guard-2.x.x',
          policyText: spec.guard.policyText,
          enableDebugLogDelivery: false,
        },
      }
    : { owner: 'AWS', sourceIdentifier: spec.sourceIdentifier };
  return {
    configRuleName: spec.name,
    description: spec.description,
    source,
    inputParameters: spec.inputParameters,
    maximumExecutionFrequency: spec.maximumExecutionFrequency,
    scope: spec.guard ? { complianceResourceTypes: [...spec.guard.resourceTypes] } : undefined,
  };
}

/** A rule parameter a conformance pack receives as an input parameter of its template. */
export interface PackInputParameter {
  readonly parameterName: string;
  readonly parameterValue: string;
}

const alphanumeric = (text: string) => text.replace(/[^A-Za-z0-9]/g, '');

/**
 * Parameter values that are CloudFormation tokens (a VPC id from the network stack, a topic ARN), which a
 * pack template — a static document, inline or an S3 asset — cannot hold: the template declares a
 * parameter for each, its rule refers to it (`{ Ref }`), and the pack passes the value in
 * `ConformancePackInputParameters`, where CloudFormation resolves it like any other property.
 */
export function conformancePackInputs(rules: readonly ConfigRuleSpec[]): PackInputParameter[] {
  return rules.flatMap((spec) =>
    Object.entries(spec.inputParameters ?? {})
      .filter(([, value]) => Token.isUnresolved(value))
      .map(([key, value]) => ({
        parameterName: `${alphanumeric(spec.name)}${alphanumeric(key)}`,
        parameterValue: value,
      })),
  );
}

/** Renders the rules as a conformance pack template body (CloudFormation JSON, minified). */
export function conformancePackTemplate(rules: readonly ConfigRuleSpec[]): string {
  // A throwaway stack renders the L1 properties exactly as CloudFormation expects them; token parameters
  // become references to the template's own parameters (conformancePackInputs).
  const render = new Stack(new App({ autoSynth: false }), 'ConformancePackTemplate');
  const parameters: Record<string, { Type: 'String' }> = {};
  for (const spec of rules) {
    const inputParameters = Object.fromEntries(
      Object.entries(spec.inputParameters ?? {}).map(([key, value]) => {
        if (!Token.isUnresolved(value)) return [key, value];
        const name = `${alphanumeric(spec.name)}${alphanumeric(key)}`;
        parameters[name] = { Type: 'String' };
        return [key, { Ref: name }];
      }),
    );
    new config.CfnConfigRule(render, alphanumeric(spec.name), {
      ...ruleProperties(spec),
      inputParameters: spec.inputParameters ? inputParameters : undefined,
    });
  }
  const template = render.resolve((render as any)._toCloudFormation());
  for (const resource of Object.values(template.Resources) as { Metadata?: unknown }[]) delete resource.Metadata;
  return JSON.stringify(
    Object.keys(parameters).length > 0
      ? { Parameters: parameters, Resources: template.Resources }
      : { Resources: template.Resources },
  );
}

/**
 * The AWS Config rules that verify the baseline in the running account — the managed rules of the HIPAA
 * Security conformance pack with its default parameters, extra managed rules, and this project's Guard
 * custom policies — deployed as individual rules or as one conformance pack, and a Config aggregator.
 * Every rule's description carries the HIPAA citations it verifies. HIPAA 164.308(a)(8), 164.312(b),
 * 164.308(a)(1)(ii)(D).
 */
export class HipaaConfigRules extends Construct {
  public readonly aggregator: config.CfnConfigurationAggregator;

  constructor(scope: Construct, id: string, props: HipaaConfigRulesProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (props.asConformancePack) {
      const body = conformancePackTemplate(props.rules);
      const inputs = conformancePackInputs(props.rules);
      const conformancePackInputParameters = inputs.length > 0 ? inputs : undefined;
      if (Buffer.byteLength(body) <= MAX_TEMPLATE_BODY_BYTES) {
        const pack = new config.CfnConformancePack(this, 'Pack', {
          conformancePackName: props.packName,
          templateBody: body,
          conformancePackInputParameters,
        });
        recordControl(pack, 'config-conformance-pack', ['ConformancePackName', 'TemplateBody']);
      } else {
        // Larger templates (many parameter overrides) go through an S3 asset (limit 300 KB). The source file
        // is written into the cloud assembly directory, not a temporary one: a synth leaves nothing behind.
        const outdir = Stage.of(this)?.outdir ?? '.';
        mkdirSync(outdir, { recursive: true });
        const file = join(
          outdir,
          `conformance-pack-${createHash('sha256').update(body).digest('hex').slice(0, 16)}.json`,
        );
        writeFileSync(file, body);
        const asset = new s3assets.Asset(this, 'PackTemplate', { path: file });
        const pack = new config.CfnConformancePack(this, 'Pack', {
          conformancePackName: props.packName,
          templateS3Uri: asset.s3ObjectUrl,
          conformancePackInputParameters,
        });
        recordControl(pack, 'config-conformance-pack', ['ConformancePackName', 'TemplateS3Uri']);
      }
    } else {
      // Process checks exist only inside conformance packs; the individual deployment leaves them out.
      for (const spec of props.rules.filter((rule) => rule.sourceIdentifier !== 'AWS_CONFIG_PROCESS_CHECK')) {
        const rule = new config.CfnConfigRule(this, spec.name, ruleProperties(spec));
        recordControl(rule, 'config-rule', ['ConfigRuleName', 'Source', 'InputParameters', 'Scope']);
      }
    }

    if (props.aggregator.source === 'organization') {
      const role = new iam.Role(this, 'AggregatorRole', {
        assumedBy: new iam.ServicePrincipal('config.amazonaws.com').withConditions({
          StringEquals: { 'aws:SourceAccount': stack.account },
        }),
        managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSConfigRoleForOrganizations')],
      });
      acknowledge(
        role,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSConfigRoleForOrganizations]',
        'AWS maintains the organization aggregator policy: read-only organization listing for AWS Config.',
      );
      this.aggregator = new config.CfnConfigurationAggregator(this, 'Aggregator', {
        configurationAggregatorName: props.aggregatorName,
        organizationAggregationSource: { roleArn: role.roleArn, allAwsRegions: true },
      });
    } else {
      this.aggregator = new config.CfnConfigurationAggregator(this, 'Aggregator', {
        configurationAggregatorName: props.aggregatorName,
        accountAggregationSources: [
          { accountIds: [stack.account, ...props.aggregator.accountIds], allAwsRegions: true },
        ],
      });
    }

    recordControl(this.aggregator, 'config-aggregator', ['AccountAggregationSources', 'OrganizationAggregationSource']);
    declareControls(this, {
      citations: ['164.308(a)(8)', '164.308(a)(1)(ii)(B)', '164.308(a)(1)(ii)(D)', '164.312(b)'],
      statement: `${props.rules.length} AWS Config rules continuously evaluate the account against the HIPAA Security conformance pack and this baseline's custom policies; an aggregator collects the results.`,
    });
  }
}
