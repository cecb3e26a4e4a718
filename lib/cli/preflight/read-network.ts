/** Reads about the primary region's network: Elastic IPs, VPCs and internet gateways (use and quota), endpoint services. */
import {
  DescribeAccountAttributesCommand,
  DescribeAddressesCommand,
  DescribeVpcEndpointServicesCommand,
  paginateDescribeInternetGateways,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';
import {
  GetAWSDefaultServiceQuotaCommand,
  GetServiceQuotaCommand,
  type ServiceQuotasClient,
} from '@aws-sdk/client-service-quotas';
import type { PreflightClients } from './clients';
import { isCode, type Reader } from './reader';
import type { Read } from './types';

/** Service Quotas codes of the `vpc` service. */
export const QUOTA = {
  vpcs: { service: 'vpc', code: 'L-F678F1CE', name: 'VPCs per Region' },
  internetGateways: { service: 'vpc', code: 'L-A4707A72', name: 'Internet gateways per Region' },
  /** EC2-VPC Elastic IPs (the account attribute vpc-max-elastic-ips reports the same value). */
  elasticIps: { service: 'ec2', code: 'L-0263D0A3', name: 'EC2-VPC Elastic IPs' },
} as const;

export interface NetworkReads {
  /** The account attribute `vpc-max-elastic-ips`. */
  readonly maxElasticIps: Read<number>;
  readonly elasticIpsInUse: Read<number>;
  readonly vpcQuota: Read<number>;
  readonly vpcsInUse: Read<number>;
  readonly internetGatewayQuota: Read<number>;
  readonly internetGatewaysInUse: Read<number>;
  /** Interface endpoint service name → the zones it is offered in (services not offered are absent). */
  readonly endpointServices: Read<Record<string, string[]>>;
}

/** The applied value of a quota, or AWS's default where none is applied. */
async function quotaValue(client: ServiceQuotasClient, quota: { service: string; code: string }): Promise<number> {
  const input = { ServiceCode: quota.service, QuotaCode: quota.code };
  try {
    return (await client.send(new GetServiceQuotaCommand(input))).Quota?.Value ?? 0;
  } catch (error) {
    if (!isCode(error, 'NoSuchResourceException')) throw error;
    return (await client.send(new GetAWSDefaultServiceQuotaCommand(input))).Quota?.Value ?? 0;
  }
}

async function count<T>(pages: AsyncIterable<T>, list: (page: T) => readonly unknown[] | undefined): Promise<number> {
  let total = 0;
  for await (const page of pages) total += list(page)?.length ?? 0;
  return total;
}

export async function readNetwork(
  clients: PreflightClients,
  reader: Reader,
  region: string,
  endpointServiceNames: readonly string[],
): Promise<NetworkReads> {
  const ec2 = clients.ec2(region);
  const quotas = clients.serviceQuotas(region);
  const endpointServices = reader.read('ec2:DescribeVpcEndpointServices', async () => {
    const offered: Record<string, string[]> = {};
    if (endpointServiceNames.length === 0) return offered;
    let token: string | undefined;
    do {
      const out = await ec2.send(
        new DescribeVpcEndpointServicesCommand({
          Filters: [
            { Name: 'service-name', Values: [...endpointServiceNames] },
            { Name: 'service-type', Values: ['Interface'] },
          ],
          NextToken: token,
        }),
      );
      for (const detail of out.ServiceDetails ?? []) {
        if (detail.ServiceName) offered[detail.ServiceName] = [...(detail.AvailabilityZones ?? [])];
      }
      token = out.NextToken;
    } while (token);
    return offered;
  });
  const [maxElasticIps, elasticIpsInUse, vpcQuota, vpcsInUse, internetGatewayQuota, internetGatewaysInUse] =
    await Promise.all([
      reader.read('ec2:DescribeAccountAttributes', async () => {
        const out = await ec2.send(new DescribeAccountAttributesCommand({}));
        const value = out.AccountAttributes?.find((a) => a.AttributeName === 'vpc-max-elastic-ips')?.AttributeValues;
        return Number(value?.[0]?.AttributeValue ?? 0);
      }),
      reader.read('ec2:DescribeAddresses', async () => {
        const out = await ec2.send(new DescribeAddressesCommand({}));
        return (out.Addresses ?? []).filter((a) => (a.Domain ?? 'vpc') === 'vpc').length;
      }),
      reader.read('servicequotas:GetServiceQuota', () => quotaValue(quotas, QUOTA.vpcs)),
      reader.read('ec2:DescribeVpcs', () => count(paginateDescribeVpcs({ client: ec2 }, {}), (p) => p.Vpcs)),
      reader.read('servicequotas:GetServiceQuota', () => quotaValue(quotas, QUOTA.internetGateways)),
      reader.read('ec2:DescribeInternetGateways', () =>
        count(paginateDescribeInternetGateways({ client: ec2 }, {}), (p) => p.InternetGateways),
      ),
    ]);
  return {
    maxElasticIps,
    elasticIpsInUse,
    vpcQuota,
    vpcsInUse,
    internetGatewayQuota,
    internetGatewaysInUse,
    endpointServices: await endpointServices,
  };
}
