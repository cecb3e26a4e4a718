import { z } from 'zod';
import { cidrProblem, contains, overlaps, parseCidr, PRIVATE_RANGES } from '../network/cidr';

/** Gateway endpoints (route-table entries, no network interfaces). */
export const GATEWAY_ENDPOINTS = ['s3', 'dynamodb'] as const;
/** Interface endpoints the configuration may name (AWS service endpoint suffixes). */
export const INTERFACE_ENDPOINTS = [
  'kms',
  'sts',
  'logs',
  'ssm',
  'ssmmessages',
  'ec2messages',
  'secretsmanager',
  'ecr.api',
  'ecr.dkr',
  'ec2',
  'monitoring',
  'sns',
  'sqs',
  'events',
  'elasticloadbalancing',
  'autoscaling',
  'execute-api',
  'rds',
  'comprehendmedical',
] as const;
export type EndpointName = (typeof GATEWAY_ENDPOINTS)[number] | (typeof INTERFACE_ENDPOINTS)[number];
/** Endpoints every environment gets unless it lists its own. */
export const DEFAULT_ENDPOINTS: readonly EndpointName[] = [
  ...GATEWAY_ENDPOINTS,
  ...(['kms', 'sts', 'logs', 'ssm', 'ssmmessages', 'ec2messages', 'secretsmanager', 'ecr.api', 'ecr.dkr'] as const),
];

/** Smallest subnet AWS allows (prefix length). */
export const SMALLEST_SUBNET_PREFIX = 28;
/** Reserved name: the analysis calls everything outside the VPCs "internet". */
const RESERVED_NAMES = ['internet'];

const PORT_PROBLEM = 'must be a port 1-65535 or a range such as "8000-8100"';

/** Parses a port (443) or range ("8000-8100") into [low, high]; undefined when invalid. */
export function parsePortSpec(spec: number | string): [number, number] | undefined {
  const match =
    typeof spec === 'number' ? [String(spec), String(spec)] : /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(spec)?.slice(1);
  if (!match) return undefined;
  const low = Number(match[0]);
  const high = Number(match[1] ?? match[0]);
  if (!Number.isInteger(low) || low < 1 || high > 65535 || high < low) return undefined;
  return [low, high];
}

const portSchema = z
  .union([z.number(), z.string()], { error: PORT_PROBLEM })
  .refine((spec) => parsePortSpec(spec) !== undefined, { error: PORT_PROBLEM });
const portsSchema = z
  .array(portSchema, { error: 'must be a list of ports' })
  .min(1, { error: 'must list at least one port' });

const cidrSchema = z.string({ error: 'must be an IPv4 CIDR block such as 10.0.0.0/16' }).superRefine((cidr, ctx) => {
  const problem = cidrProblem(cidr);
  if (problem) return void ctx.addIssue({ code: 'custom', message: problem });
  const block = parseCidr(cidr);
  if (block.prefix < 16 || block.prefix > 28) {
    ctx.addIssue({ code: 'custom', message: `${cidr} is outside the VPC size limits (/16 to /28)` });
  } else if (!PRIVATE_RANGES.some((range) => contains(range, block))) {
    ctx.addIssue({
      code: 'custom',
      message: `${cidr} is not private address space (${PRIVATE_RANGES.map((r) => r.cidr).join(', ')})`,
    });
  }
});

/** One environment: its own VPC with ingress, app and data tiers. */
export const environmentSchema = z.strictObject({
  name: z
    .string({ error: 'must be a name such as "prod"' })
    .regex(/^[a-z][a-z0-9]{1,15}$/, { error: 'must be 2-16 lowercase letters or digits, starting with a letter' })
    .refine((name) => !RESERVED_NAMES.includes(name), {
      error: '"internet" is reserved for addresses outside the VPCs',
    })
    .describe('Environment name; names the VPC, its resources and the segmentation matrix entries.'),
  cidr: cidrSchema.describe(
    'IPv4 CIDR of the VPC (/16 to /28, private space). App tier: first half; ingress and data tiers: a quarter each.',
  ),
  availabilityZones: z
    .array(
      z
        .string()
        .regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}[a-z]$/, { error: 'must be an availability zone name' }),
    )
    .min(1, { error: 'must list at least 1 availability zone' })
    .optional()
    .describe('Zones of this VPC, a subset of hipaaBaseline.availabilityZones (default: all of them).'),
  production: z
    .boolean()
    .default(true)
    .describe('Production environments need at least 2 availability zones. HIPAA 164.308(a)(7)(ii)(C).'),
  internetIngress: z
    .boolean()
    .default(false)
    .describe(
      'Create the ingress tier: public subnets (no auto-assigned public IPs) accepting tcp/443 from the internet.',
    ),
  egress: z
    .enum(['nat', 'none'], { error: 'must be "nat" or "none"' })
    .default('none')
    .describe('App-tier internet egress: "nat" (tcp/443 through a regional NAT gateway) or "none".'),
  endpoints: z
    .array(z.enum([...GATEWAY_ENDPOINTS, ...INTERFACE_ENDPOINTS], { error: 'must be a supported endpoint name' }))
    .refine((names) => new Set(names).size === names.length, { error: 'must not repeat an endpoint' })
    .default([...DEFAULT_ENDPOINTS])
    .describe(
      `VPC endpoints in the app tier: gateway (s3, dynamodb) and interface (${INTERFACE_ENDPOINTS.join(', ')}).`,
    ),
  appPorts: portsSchema.default([443]).describe('TCP ports the app tier accepts from the ingress tier.'),
  dataPorts: portsSchema.default([5432, 3306]).describe('TCP ports the data tier accepts from the app tier.'),
});

/** One declared cross-environment path: `from`'s app tier may open connections to `to`'s app tier. */
export const segmentationEntrySchema = z.strictObject({
  from: z.string({ error: 'must name an environment' }).describe('Environment opening the connections.'),
  to: z.string({ error: 'must name an environment' }).describe('Environment accepting them.'),
  protocol: z.enum(['tcp', 'udp'], { error: 'must be "tcp" or "udp"' }).default('tcp').describe('Transport protocol.'),
  ports: portsSchema.describe('Destination ports or ranges ("8000-8100").'),
});

export type EnvironmentInput = z.input<typeof environmentSchema>;

/** Default environments: production, non-production, and shared services. */
export const DEFAULT_ENVIRONMENTS: EnvironmentInput[] = [
  { name: 'prod', cidr: '10.10.0.0/16', production: true, internetIngress: true, egress: 'nat' },
  { name: 'nonprod', cidr: '10.20.0.0/16', production: false, internetIngress: true, egress: 'nat' },
  {
    name: 'shared',
    cidr: '10.30.0.0/16',
    production: true,
    internetIngress: false,
    egress: 'none',
  },
];

export const environmentsSchema = z
  .array(environmentSchema, { error: 'must be a list of environments' })
  .min(1, { error: 'must list at least one environment' })
  .prefault(DEFAULT_ENVIRONMENTS)
  .describe('Environments, each with its own VPC. Default: prod, nonprod and shared (see README, Network).');

export const segmentationSchema = z
  .array(segmentationEntrySchema, { error: 'must be a list of {from, to, ports}' })
  .optional()
  .describe(
    'Cross-environment paths allowed (app tier to app tier). Default: every environment may reach "shared" on tcp/443; nothing else.',
  );

export const organizationIdSchema = z
  .string()
  .regex(/^o-[a-z0-9]{10,32}$/, { error: 'must be an AWS Organizations id such as "o-a1b2c3d4e5"' })
  .optional()
  .describe('AWS Organizations id: endpoint policies then admit the organisation instead of only this account.');

type Environment = z.output<typeof environmentSchema>;
type Issue = { path: (string | number)[]; message: string };

/** Largest VPC prefix length that still leaves /28 subnets for every tier and zone. */
export function largestPrefixFor(zoneCount: number): number {
  return SMALLEST_SUBNET_PREFIX - 2 - Math.ceil(Math.log2(Math.max(zoneCount, 1)));
}

/** Cross-field checks of `environments` and `segmentation`; one issue per problem. */
export function networkIssues(config: {
  availabilityZones: readonly string[];
  environments: readonly Environment[];
  segmentation?: readonly z.output<typeof segmentationEntrySchema>[];
}): Issue[] {
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  config.environments.forEach((env, i) => {
    const at = (...rest: (string | number)[]) => ['environments', i, ...rest];
    const first = seen.get(env.name);
    if (first !== undefined) {
      issues.push({
        path: at('name'),
        message: `duplicate environment name "${env.name}" (also environments[${first}].name)`,
      });
    } else seen.set(env.name, i);

    const zones = env.availabilityZones ?? config.availabilityZones;
    (env.availabilityZones ?? []).forEach((zone, z) => {
      if (!config.availabilityZones.includes(zone)) {
        issues.push({ path: at('availabilityZones', z), message: `${zone} is not in hipaaBaseline.availabilityZones` });
      }
    });
    if (new Set(zones).size !== zones.length) {
      issues.push({ path: at('availabilityZones'), message: 'must not repeat an availability zone' });
    }
    if (env.production && zones.length < 2) {
      issues.push({
        path: at('availabilityZones'),
        message: 'a production environment needs at least 2 availability zones (HIPAA 164.308(a)(7)(ii)(C))',
      });
    }

    if (cidrProblem(env.cidr)) return;
    const block = parseCidr(env.cidr);
    const limit = largestPrefixFor(zones.length);
    if (block.prefix > limit && block.prefix <= 28) {
      issues.push({
        path: at('cidr'),
        message: `${env.cidr} is too small for 3 tiers × ${zones.length} availability zones (subnets must be /28 or larger: use /${limit} or larger)`,
      });
    }
    config.environments.slice(0, i).forEach((other, j) => {
      if (!cidrProblem(other.cidr) && overlaps(block, parseCidr(other.cidr))) {
        issues.push({ path: at('cidr'), message: `${env.cidr} overlaps environments[${j}].cidr` });
      }
    });
  });

  const names = config.environments.map((env) => env.name);
  (config.segmentation ?? []).forEach((entry, i) => {
    for (const side of ['from', 'to'] as const) {
      if (!names.includes(entry[side])) {
        issues.push({
          path: ['segmentation', i, side],
          message: `unknown environment "${entry[side]}" (environments: ${names.join(', ')})`,
        });
      }
    }
    if (entry.from === entry.to) {
      issues.push({
        path: ['segmentation', i, 'to'],
        message: 'must differ from "from" (paths inside an environment follow its tiers)',
      });
    }
  });
  return issues;
}

/**
 * Fills in what the defaults leave open, so the validated configuration is explicit: each environment's
 * zones (default: all of hipaaBaseline.availabilityZones) and the segmentation matrix (default: every
 * environment may reach "shared" on tcp/443 when it exists; nothing else).
 */
export function resolveNetwork<
  T extends {
    availabilityZones: string[];
    environments: Environment[];
    segmentation?: z.output<typeof segmentationEntrySchema>[];
  },
>(config: T): Omit<T, 'environments' | 'segmentation'> & ResolvedNetwork {
  const environments = config.environments.map((env) => ({
    ...env,
    availabilityZones: env.availabilityZones ?? [...config.availabilityZones],
  }));
  const hasShared = environments.some((env) => env.name === 'shared');
  const segmentation =
    config.segmentation ??
    (hasShared
      ? environments
          .filter((env) => env.name !== 'shared')
          .map((env) => ({ from: env.name, to: 'shared', protocol: 'tcp' as const, ports: [443] }))
      : []);
  return { ...config, environments, segmentation };
}

/** Network fields of the validated configuration, defaults resolved. */
export interface ResolvedNetwork {
  readonly environments: (Environment & { availabilityZones: string[] })[];
  readonly segmentation: z.output<typeof segmentationEntrySchema>[];
}
