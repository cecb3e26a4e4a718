import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { NetworkAclNoUnrestrictedIngress } from '../../rules/NetworkAclNoUnrestrictedIngress';
import { evaluate, ruleStack } from '../helpers/rules';

type Entry = Partial<ec2.CfnNetworkAclEntryProps>;
const entry = (props: Entry) =>
  new ec2.CfnNetworkAclEntry(ruleStack(), 'E', {
    networkAclId: 'acl-1',
    ruleNumber: 100,
    ruleAction: 'allow',
    egress: false,
    cidrBlock: '0.0.0.0/0',
    protocol: 6,
    ...props,
  });
const check = (props: Entry) => evaluate(NetworkAclNoUnrestrictedIngress, entry(props));
const ports = (from: number, to: number) => ({ portRange: { from, to } });

describe('HIPAABaseline-NetworkAclNoUnrestrictedIngress', () => {
  test('non-compliant: all traffic from anywhere', () => {
    expect(check({ protocol: -1 })).toBe('non-compliant');
  });

  test('non-compliant: all traffic from anywhere over IPv6', () => {
    expect(check({ protocol: -1, cidrBlock: undefined, ipv6CidrBlock: '::/0' })).toBe('non-compliant');
  });

  test('non-compliant: SSH from anywhere', () => {
    expect(check(ports(22, 22))).toBe('non-compliant');
  });

  test('non-compliant: RDP over UDP from anywhere', () => {
    expect(check({ protocol: 17, ...ports(3389, 3389) })).toBe('non-compliant');
  });

  test('non-compliant: every TCP port from anywhere', () => {
    expect(check(ports(0, 65535))).toBe('non-compliant');
  });

  test('non-compliant: an escape hatch widening a rule to all traffic', () => {
    const resource = entry(ports(443, 443));
    resource.addPropertyOverride('Protocol', -1);
    expect(evaluate(NetworkAclNoUnrestrictedIngress, resource)).toBe('non-compliant');
  });

  test('compliant: HTTPS from anywhere', () => {
    expect(check(ports(443, 443))).toBe('compliant');
  });

  test('compliant: the ephemeral range for return traffic', () => {
    expect(check(ports(1024, 65535))).toBe('compliant');
  });

  test('compliant: SSH from a private range', () => {
    expect(check({ cidrBlock: '10.0.0.0/16', ...ports(22, 22) })).toBe('compliant');
  });

  test('compliant: deny entries and outbound entries', () => {
    expect(check({ ruleAction: 'deny', protocol: -1 })).toBe('compliant');
    expect(check({ egress: true, protocol: -1 })).toBe('compliant');
  });
});
