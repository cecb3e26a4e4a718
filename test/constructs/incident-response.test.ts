import { parseConfig } from '../../lib/config/load';
import { REQUIRED_ACTIONS } from '../../lib/functions/isolate-instance/permissions';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources } from '../helpers/template-query';

describe('IncidentResponse (default baseline)', () => {
  const template = defaultTemplateJson('SecurityTooling');
  const [fnId, fn] = byPath(template, 'IncidentResponse/Function/Resource');

  test('the function runs in the app tier of the shared environment, with a DLQ and an encrypted environment, and reserves no concurrency by default', () => {
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Handler: 'index.handler',
      Timeout: 120,
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [expect.stringMatching(/DeadLetterQueue/), 'Arn'] } },
      KmsKeyArn: { 'Fn::GetAtt': [expect.stringMatching(/^AlertsKey/), 'Arn'] },
    });
    expect(JSON.stringify(fn.Properties.VpcConfig.SubnetIds)).toMatch(/sharedVpcappSubnet/i);
    // A new account's concurrency quota of 10 admits no reservation at all: reserving is opt-in.
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
  });

  test('its environment names every VPC’s quarantine group, the alert topic and the finding filter', () => {
    const variables = fn.Properties.Environment.Variables;
    expect(variables.DRY_RUN).toBe('false');
    expect(JSON.parse(variables.FINDING_TYPES)).toEqual(
      expect.arrayContaining(['Backdoor:EC2/', 'UnauthorizedAccess:EC2/']),
    );
    expect(variables.MIN_SEVERITY).toBe('7');
    expect(JSON.stringify(variables.QUARANTINE_SECURITY_GROUPS)).toMatch(
      /ProdVpc.*ProdSecurityGroupsQuarantine.*NonprodVpc.*NonprodSecurityGroupsQuarantine.*SharedVpc.*SharedSecurityGroupsQuarantine/s,
    );
  });

  test('GuardDuty EC2 findings of the configured types and severity invoke it', () => {
    const rule = resources(template, 'AWS::Events::Rule').find(([, r]) =>
      flat(r.Properties.Targets[0].Arn).includes(fnId),
    );
    expect(rule).toBeDefined();
    expect(rule![1].Properties.EventPattern).toMatchObject({
      source: ['aws.guardduty'],
      'detail-type': ['GuardDuty Finding'],
      detail: { severity: [{ numeric: ['>=', 7] }], resource: { resourceType: ['Instance'] } },
    });
    expect(rule![1].Properties.EventPattern.detail.type).toEqual(expect.arrayContaining([{ prefix: 'Backdoor:EC2/' }]));
  });

  test('the role has no inline policy and may set only quarantine-tagged groups', () => {
    const [, role] = byPath(template, 'IncidentResponse/Role/Resource');
    expect(role.Properties.Policies).toBeUndefined();
    const [, policy] = byPath(template, 'IncidentResponse/Permissions/Resource');
    const quarantine = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'OnlyQuarantineGroups');
    expect(quarantine.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/hipaa-baseline:role': 'quarantine' } });
    const tags = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'TagWithBaselineKeysOnly');
    expect(tags.Condition).toEqual({ 'ForAllValues:StringLike': { 'aws:TagKeys': ['hipaa-baseline:*'] } });
  });

  test('the role allows every action the function calls (permissions.ts)', () => {
    const [, policy] = byPath(template, 'IncidentResponse/Permissions/Resource');
    const allowed = policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Effect === 'Allow').flatMap(
      (s: any) => [].concat(s.Action),
    );
    expect(allowed).toEqual(expect.arrayContaining(REQUIRED_ACTIONS.map((a) => a.action)));
  });

  test('it may detach an instance from its Auto Scaling group and load balancers, and nothing more', () => {
    const [, policy] = byPath(template, 'IncidentResponse/Permissions/Resource');
    const statement = (sid: string) => {
      const found = policy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === sid);
      return { actions: [].concat(found.Action).sort(), resources: [].concat(found.Resource).map(flat) };
    };
    const where = '<AWS::Partition>:%s:<AWS::Region>:<AWS::AccountId>';
    const arn = (service: string, rest: string) => `arn:${where.replace('%s', service)}:${rest}`;
    expect(statement('FindGroupsAndLoadBalancers')).toEqual({
      actions: [
        'autoscaling:DescribeAutoScalingInstances',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetHealth',
      ],
      resources: ['*'],
    });
    // Protect and Standby only (never unprotect, ExitStandby, terminate or detach), on the account's groups.
    expect(statement('KeepInAutoScalingGroupAsStandby')).toEqual({
      actions: ['autoscaling:EnterStandby', 'autoscaling:SetInstanceProtection'],
      resources: [arn('autoscaling', 'autoScalingGroup:*:autoScalingGroupName/*')],
    });
    // Deregister only (never register), on the account's target groups and Classic Load Balancers.
    expect(statement('DeregisterFromTargetGroups')).toEqual({
      actions: ['elasticloadbalancing:DeregisterTargets'],
      resources: [arn('elasticloadbalancing', 'targetgroup/*/*')],
    });
    expect(statement('DeregisterFromClassicLoadBalancers')).toEqual({
      actions: ['elasticloadbalancing:DeregisterInstancesFromLoadBalancer'],
      resources: [arn('elasticloadbalancing', 'loadbalancer/*')],
    });
    const everything = policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [].concat(s.Action));
    expect(everything.filter((a: string) => /^(autoscaling|elasticloadbalancing):/.test(a)).sort()).toEqual(
      REQUIRED_ACTIONS.map((a) => a.action)
        .filter((a) => /^(autoscaling|elasticloadbalancing):/.test(a))
        .sort(),
    );
  });

  test('every quarantine group carries the tag the role is limited to', () => {
    const network = defaultTemplateJson('Network');
    const groups = resources(network, 'AWS::EC2::SecurityGroup').filter(([, g]) =>
      /quarantine/i.test(g.Properties.GroupDescription),
    );
    expect(groups.length).toBe(3);
    for (const [, group] of groups)
      expect(group.Properties.Tags).toEqual(
        expect.arrayContaining([{ Key: 'hipaa-baseline:role', Value: 'quarantine' }]),
      );
  });
});

describe('response placement (configuration)', () => {
  const environments = [
    { name: 'prod', cidr: '10.10.0.0/16' },
    { name: 'tools', cidr: '10.40.0.0/16', production: false },
  ];

  test('an environment without NAT egress gets the EC2, SNS, Auto Scaling and ELB endpoints the function calls', () => {
    const config = parseConfig({ environments, detection: { response: { environment: 'tools' } } });
    const tools = config.environments.find((env) => env.name === 'tools')!;
    expect(tools.endpoints).toEqual(expect.arrayContaining(['ec2', 'sns', 'autoscaling', 'elasticloadbalancing']));
    expect(config.environments.find((env) => env.name === 'prod')!.endpoints).not.toContain('sns');
  });

  test('an unknown response environment is a configuration error', () => {
    expect(() => parseConfig({ environments, detection: { response: { environment: 'security' } } })).toThrow(
      'hipaaBaseline.detection.response.environment: unknown environment "security" (environments: prod, tools)',
    );
  });
});
