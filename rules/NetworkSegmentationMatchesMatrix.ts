/**
 * HIPAABaseline-NetworkSegmentationMatchesMatrix — no network path exists between environment tiers (or
 * the internet) that the segmentation matrix does not declare. The rule reads the declared matrix from
 * the template Metadata (`hipaa-baseline:segmentation`), analyses the whole template once (routes,
 * transit gateway route tables and attachments, peering, network ACLs, security groups) and reports
 * every resource that creates an undeclared path, naming the path.
 *
 * Scenarios:
 * - non-compliant: a route or transit gateway route from one environment to another without a declared
 *   path; a network ACL entry or security group rule admitting another environment's addresses on
 *   undeclared ports; a peering connection between environments without a declared path; a data-tier
 *   route to an internet or NAT gateway; an app-tier subnet routed straight to the internet gateway (its own
 *   route, or an association with the ingress tier's route table); a value the analysis cannot resolve (it
 *   fails loudly)
 * - compliant: network resources on declared paths only (the default baseline; a declared path)
 * - not applicable: templates without the declaration; resources that carry no traffic
 */
import { analyseSegmentation, type Analysis } from '../lib/network/analysis/reachability';
import { parseSegmentation, SEGMENTATION_METADATA_KEY } from '../lib/network/segmentation-metadata';
import type { OwnRule, RuleContext, TemplateResource } from './rule';

const NETWORK_TYPES =
  /^AWS::EC2::(VPC|Subnet|Route|RouteTable|SubnetRouteTableAssociation|NetworkAcl|NetworkAclEntry|SubnetNetworkAclAssociation|SecurityGroup|SecurityGroupIngress|SecurityGroupEgress|TransitGateway.*|VPCPeeringConnection)$/;

// One analysis per template: the pack and the template check pass the same resources map for every resource.
const analyses = new WeakMap<RuleContext['resources'], Analysis>();

function analysisOf(context: RuleContext): Analysis | undefined {
  const declaration = context.templateMetadata[SEGMENTATION_METADATA_KEY];
  if (declaration === undefined) return undefined;
  let analysis = analyses.get(context.resources);
  if (!analysis) {
    analysis = analyseSegmentation(context.resources, parseSegmentation(declaration));
    analyses.set(context.resources, analysis);
  }
  return analysis;
}

function findingsOf(resource: TemplateResource, context: RuleContext): string[] {
  return (analysisOf(context)?.findings ?? []).filter((f) => f.resource === resource.logicalId).map((f) => f.message);
}

export const NetworkSegmentationMatchesMatrix: OwnRule = {
  id: 'NetworkSegmentationMatchesMatrix',
  level: 'error',
  info: 'The resource creates a network path that the segmentation matrix does not declare.',
  explanation:
    'Environments may reach each other only on the paths hipaaBaseline.segmentation declares, and tiers only as ' +
    'their design allows (internet to ingress on 443, ingress to app on appPorts, app to data on dataPorts). ' +
    'Declare the path in the configuration, or remove the route, rule or entry that opens it.',
  citations: ['164.312(e)(1)', '164.312(a)(1)', '164.308(a)(4)(i)'],
  check(resource, context) {
    if (!NETWORK_TYPES.test(resource.Type) || analysisOf(context) === undefined) return 'not-applicable';
    return findingsOf(resource, context).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: findingsOf,
};
