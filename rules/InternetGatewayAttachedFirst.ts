/**
 * HIPAABaseline-InternetGatewayAttachedFirst — a public NAT gateway (zonal or regional) or a route to an
 * internet gateway fails ("network … has no Internet gateway attached") when CloudFormation creates it
 * before the AWS::EC2::VPCGatewayAttachment of that gateway: it must wait for the attachment, not only
 * for the gateway.
 *
 * Scenarios:
 * - non-compliant: a regional NAT gateway that depends on the internet gateway but not on its
 *   attachment (what ec2.Vpc with RegionalNatGatewayProvider renders); a zonal NAT gateway or an IGW route
 *   without the attachment; a VPC whose gateway is never attached in the template
 * - compliant: it waits for the attachment (DependsOn or a reference chain)
 * Findings name the attachment to wait for (`[<AttachmentLogicalId>]`), or `[no-attachment-of-<Vpc>]`.
 * - not applicable: private NAT gateways; routes to other targets; VPCs outside the template
 */
import { allDependencies, referencedResource } from './template-graph';
import { referencedIds, type OwnRule, type TemplateResource } from './rule';

type Resources = ReadonlyMap<string, TemplateResource>;

/** The VPC the resource needs an attached internet gateway in, or undefined when it needs none. */
function vpcOf(resource: TemplateResource, resources: Resources): string | undefined {
  const p = resource.Properties ?? {};
  if (resource.Type === 'AWS::EC2::NatGateway') {
    if (p.ConnectivityType === 'private') return undefined;
    if (p.AvailabilityMode === 'regional') return referencedResource(p.VpcId, resources, ['AWS::EC2::VPC']);
    const subnet = referencedResource(p.SubnetId, resources, ['AWS::EC2::Subnet']);
    return subnet
      ? referencedResource(resources.get(subnet)!.Properties?.VpcId, resources, ['AWS::EC2::VPC'])
      : undefined;
  }
  if (resource.Type === 'AWS::EC2::Route') {
    if (!referencedResource(p.GatewayId, resources, ['AWS::EC2::InternetGateway'])) return undefined;
    const table = referencedResource(p.RouteTableId, resources, ['AWS::EC2::RouteTable']);
    return table
      ? referencedResource(resources.get(table)!.Properties?.VpcId, resources, ['AWS::EC2::VPC'])
      : undefined;
  }
  return undefined;
}

function problems(resource: TemplateResource, resources: Resources): string[] {
  const vpc = vpcOf(resource, resources);
  if (!vpc) return [];
  const attachments = [...resources.values()].filter(
    (a) =>
      a.Type === 'AWS::EC2::VPCGatewayAttachment' &&
      referencedIds(a.Properties?.VpcId).includes(vpc) &&
      a.Properties?.InternetGatewayId !== undefined,
  );
  if (attachments.length === 0) return [`no-attachment-of-${vpc}`];
  const waits = allDependencies(resource, resources);
  return attachments.filter((a) => !waits.has(a.logicalId)).map((a) => a.logicalId);
}

export const InternetGatewayAttachedFirst: OwnRule = {
  id: 'InternetGatewayAttachedFirst',
  level: 'error',
  info: 'The NAT gateway or internet route may be created before its internet gateway is attached to the VPC.',
  explanation:
    'Depending on the internet gateway is not enough: until the VPCGatewayAttachment exists the VPC has no internet ' +
    'gateway, and creating a public NAT gateway or a route to it fails. Add a dependency on the attachment.',
  citations: ['164.308(a)(7)(ii)(B)', '164.312(e)(1)'],
  check(resource, { resources }) {
    if (!vpcOf(resource, resources)) return 'not-applicable';
    return problems(resource, resources).length > 0 ? 'non-compliant' : 'compliant';
  },
  findings: (resource, { resources }) => problems(resource, resources),
};
