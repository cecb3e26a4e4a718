import { ConfigError, parseConfig } from '../../lib/config/load';
import { aclPlan, MAX_ENTRIES_PER_DIRECTION } from '../../lib/network/acl-plan';
import { planNetwork } from '../../lib/network/plan';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

const env = (name: string, cidr: string, extra: Record<string, unknown> = {}) => ({ name, cidr, ...extra });

describe('network configuration', () => {
  test('defaults: prod, nonprod and shared with explicit zones; each may reach shared on tcp/443 only', () => {
    const config = parseConfig({});
    expect(config.environments.map((e) => [e.name, e.cidr, e.internetIngress, e.egress])).toEqual([
      ['prod', '10.10.0.0/16', true, 'nat'],
      ['nonprod', '10.20.0.0/16', true, 'nat'],
      ['shared', '10.30.0.0/16', false, 'none'],
    ]);
    expect(config.environments.every((e) => e.availabilityZones.join() === 'us-east-1a,us-east-1b,us-east-1c')).toBe(
      true,
    );
    expect(config.segmentation).toEqual([
      { from: 'prod', to: 'shared', protocol: 'tcp', ports: [443] },
      { from: 'nonprod', to: 'shared', protocol: 'tcp', ports: [443] },
    ]);
  });

  test('without a shared environment the default matrix declares nothing', () => {
    expect(
      parseConfig({ environments: [env('prod', '10.0.0.0/16'), env('nonprod', '10.1.0.0/16')] }).segmentation,
    ).toEqual([]);
  });

  test('the layout gives each tier one aligned block: app half, ingress and data a quarter', () => {
    const [prod] = planNetwork(parseConfig({})).environments;
    expect([prod.tiers.app.cidr, prod.tiers.ingress.cidr, prod.tiers.data.cidr]).toEqual([
      '10.10.0.0/17',
      '10.10.128.0/18',
      '10.10.192.0/18',
    ]);
    expect(prod.subnets.data.map((s) => s.cidr)).toEqual(['10.10.192.0/20', '10.10.208.0/20', '10.10.224.0/20']);
  });

  test.each([
    [
      'invalid CIDR',
      [env('prod', '10.0.0.0/33')],
      'hipaaBaseline.environments[0].cidr: 10.0.0.0/33 has a prefix length above 32',
    ],
    [
      'not a CIDR',
      [env('prod', 'ten')],
      'hipaaBaseline.environments[0].cidr: ten is not an IPv4 CIDR block such as 10.0.0.0/16',
    ],
    [
      'host bits set',
      [env('prod', '10.0.0.1/16')],
      'hipaaBaseline.environments[0].cidr: 10.0.0.1/16 has host bits set (the network is 10.0.0.0/16)',
    ],
    [
      'public address space',
      [env('prod', '8.8.0.0/16')],
      'hipaaBaseline.environments[0].cidr: 8.8.0.0/16 is not private address space',
    ],
    [
      'larger than a VPC',
      [env('prod', '10.0.0.0/8')],
      'hipaaBaseline.environments[0].cidr: 10.0.0.0/8 is outside the VPC size limits (/16 to /28)',
    ],
    [
      'overlapping CIDRs',
      [env('prod', '10.0.0.0/16'), env('nonprod', '10.0.128.0/17')],
      'hipaaBaseline.environments[1].cidr: 10.0.128.0/17 overlaps environments[0].cidr',
    ],
    [
      'CIDR too small for tiers × zones',
      [env('prod', '10.0.0.0/25')],
      'hipaaBaseline.environments[0].cidr: 10.0.0.0/25 is too small for 3 tiers × 3 availability zones (subnets must be /28 or larger: use /24 or larger)',
    ],
    [
      'fewer than 2 zones for prod',
      [env('prod', '10.0.0.0/16', { availabilityZones: ['us-east-1a'] })],
      'hipaaBaseline.environments[0].availabilityZones: a production environment needs at least 2 availability zones (HIPAA 164.308(a)(7)(ii)(C))',
    ],
    [
      'zone outside hipaaBaseline.availabilityZones',
      [env('prod', '10.0.0.0/16', { availabilityZones: ['us-east-1a', 'us-east-1f'] })],
      'hipaaBaseline.environments[0].availabilityZones[1]: us-east-1f is not in hipaaBaseline.availabilityZones',
    ],
    [
      'duplicate environment names',
      [env('prod', '10.0.0.0/16'), env('prod', '10.1.0.0/16')],
      'hipaaBaseline.environments[1].name: duplicate environment name "prod" (also environments[0].name)',
    ],
    ['reserved name', [env('internet', '10.0.0.0/16')], 'hipaaBaseline.environments[0].name: "internet" is reserved'],
    [
      'unknown endpoint',
      [env('prod', '10.0.0.0/16', { endpoints: ['s3', 'ftp'] })],
      'hipaaBaseline.environments[0].endpoints[1]: must be a supported endpoint name',
    ],
  ])('%s', (_name, environments, expected) => {
    expect(problems({ environments })).toEqual([expect.stringContaining(expected)]);
  });

  test.each([
    [
      'unknown environment in the matrix',
      { from: 'prod', to: 'qa', ports: [443] },
      'hipaaBaseline.segmentation[0].to: unknown environment "qa" (environments: prod, nonprod)',
    ],
    [
      'invalid port 0',
      { from: 'prod', to: 'nonprod', ports: [0] },
      'hipaaBaseline.segmentation[0].ports[0]: must be a port 1-65535 or a range such as "8000-8100"',
    ],
    [
      'invalid port 70000',
      { from: 'prod', to: 'nonprod', ports: [70000] },
      'hipaaBaseline.segmentation[0].ports[0]: must be a port 1-65535',
    ],
    [
      'reversed range',
      { from: 'prod', to: 'nonprod', ports: ['9000-8000'] },
      'hipaaBaseline.segmentation[0].ports[0]: must be a port 1-65535',
    ],
    [
      'path inside one environment',
      { from: 'prod', to: 'prod', ports: [443] },
      'hipaaBaseline.segmentation[0].to: must differ from "from"',
    ],
  ])('%s', (_name, entry, expected) => {
    const environments = [env('prod', '10.0.0.0/16'), env('nonprod', '10.1.0.0/16')];
    expect(problems({ environments, segmentation: [entry] })).toEqual([expect.stringContaining(expected)]);
  });

  test('every problem is listed at once', () => {
    const found = problems({
      environments: [env('prod', '10.0.0.0/16'), env('prod', '10.0.0.0/16')],
      segmentation: [{ from: 'prod', to: 'qa', ports: [443] }],
    });
    expect(found).toHaveLength(3);
  });

  test('a matrix too large for the network ACL quota is a configuration error', () => {
    const environments = [env('prod', '10.0.0.0/16'), env('shared', '10.1.0.0/16')];
    const ports = Array.from({ length: MAX_ENTRIES_PER_DIRECTION }, (_, i) => 8000 + 2 * i);
    const plan = planNetwork(parseConfig({ environments, segmentation: [{ from: 'prod', to: 'shared', ports }] }));
    expect(() => aclPlan(plan, plan.environments[0])).toThrow(
      /^hipaaBaseline.segmentation: the prod\/app network ACL would need \d+ outbound entries; AWS allows 20/,
    );
  });

  test('network ACL rule numbers do not change when an environment is added', () => {
    const number = (environments: ReturnType<typeof env>[]) => {
      const plan = planNetwork(parseConfig({ environments }));
      return new Map(aclPlan(plan, plan.environments[0]).app!.map((e) => [e.id, e.ruleNumber]));
    };
    const before = number([env('prod', '10.0.0.0/16'), env('shared', '10.1.0.0/16')]);
    const after = number([env('prod', '10.0.0.0/16'), env('qa', '10.2.0.0/16'), env('shared', '10.1.0.0/16')]);
    for (const [id, ruleNumber] of before) expect(after.get(id)).toBe(ruleNumber);
  });
});
