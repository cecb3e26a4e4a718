/** Reads about the account and its regions: identity, enabled regions, CDK bootstrap, Lambda quota, zones. */
import { DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DescribeAvailabilityZonesCommand, DescribeRegionsCommand } from '@aws-sdk/client-ec2';
import { GetAccountSettingsCommand } from '@aws-sdk/client-lambda';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { PreflightClients } from './clients';
import { isCode, type Reader } from './reader';
import type { Read, Regions } from './types';

export interface Identity {
  readonly account: string;
  readonly arn: string;
  /** `aws`, `aws-cn`, `aws-us-gov`… (from the caller's ARN). */
  readonly partition: string;
}

/** The CDK bootstrap stack of a region, or null when there is none. */
export interface Bootstrap {
  readonly status: string;
  /** The `BootstrapVersion` output; undefined when the stack has none. */
  readonly version?: number;
}

export interface LambdaLimits {
  /** `AccountLimit.ConcurrentExecutions`: the account's quota. */
  readonly limit: number;
  /** `AccountLimit.UnreservedConcurrentExecutions`: what no function has reserved yet. */
  readonly unreserved: number;
}

export interface Zone {
  readonly name: string;
  readonly state: string;
}

/** The CDK bootstrap stack's name (the default of `cdk bootstrap`). */
export const TOOLKIT_STACK = 'CDKToolkit';

export function readIdentity(clients: PreflightClients, reader: Reader, regions: Regions): Promise<Read<Identity>> {
  return reader.read('sts:GetCallerIdentity', async () => {
    const out = await clients.sts(regions.account).send(new GetCallerIdentityCommand({}));
    const arn = out.Arn ?? '';
    return { account: out.Account ?? '', arn, partition: arn.split(':')[1] || 'aws' };
  });
}

/** The opt-in status (`opt-in-not-required`, `opted-in`, `not-opted-in`) of the primary and DR regions. */
export function readRegionStatus(
  clients: PreflightClients,
  reader: Reader,
  regions: Regions,
): Promise<Read<Record<string, string>>> {
  return reader.read('ec2:DescribeRegions', async () => {
    const out = await clients
      .ec2(regions.account)
      .send(new DescribeRegionsCommand({ AllRegions: true, RegionNames: [regions.primary, regions.dr] }));
    return Object.fromEntries((out.Regions ?? []).map((r) => [r.RegionName ?? '', r.OptInStatus ?? '']));
  });
}

export function readBootstrap(
  clients: PreflightClients,
  reader: Reader,
  region: string,
): Promise<Read<Bootstrap | null>> {
  return reader.read('cloudformation:DescribeStacks', async () => {
    try {
      const out = await clients.cloudFormation(region).send(new DescribeStacksCommand({ StackName: TOOLKIT_STACK }));
      const stack = out.Stacks?.[0];
      if (!stack) return null;
      const version = stack.Outputs?.find((o) => o.OutputKey === 'BootstrapVersion')?.OutputValue;
      return { status: stack.StackStatus ?? '', version: version === undefined ? undefined : Number(version) };
    } catch (error) {
      if (isCode(error, 'ValidationError') && /does not exist/.test(String((error as Error).message))) return null;
      throw error;
    }
  });
}

export function readLambda(clients: PreflightClients, reader: Reader, region: string): Promise<Read<LambdaLimits>> {
  return reader.read('lambda:GetAccountSettings', async () => {
    const out = await clients.lambda(region).send(new GetAccountSettingsCommand({}));
    return {
      limit: out.AccountLimit?.ConcurrentExecutions ?? 0,
      unreserved: out.AccountLimit?.UnreservedConcurrentExecutions ?? 0,
    };
  });
}

export function readZones(clients: PreflightClients, reader: Reader, region: string): Promise<Read<Zone[]>> {
  return reader.read('ec2:DescribeAvailabilityZones', async () => {
    const out = await clients.ec2(region).send(new DescribeAvailabilityZonesCommand({}));
    return (out.AvailabilityZones ?? [])
      .filter((z) => (z.ZoneType ?? 'availability-zone') === 'availability-zone')
      .map((z) => ({ name: z.ZoneName ?? '', state: z.State ?? '' }));
  });
}
