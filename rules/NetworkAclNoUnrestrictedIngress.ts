/**
 * HIPAABaseline-NetworkAclNoUnrestrictedIngress — network ACL entries do not let the whole internet in
 * on every protocol, nor to SSH (22) or RDP (3389). Security groups have cdk-nag rules
 * (EC2RestrictedSSH, EC2RestrictedCommonPorts); subnet-level ACLs had none.
 *
 * Scenarios:
 * - non-compliant: inbound allow from 0.0.0.0/0 or ::/0 with protocol -1 (all traffic); inbound allow
 *   from anywhere to a TCP/UDP port range containing 22 or 3389 (0-65535 included)
 * - compliant: outbound entries; deny entries; inbound from a narrower CIDR; inbound from anywhere to
 *   other ports, such as 443 or the ephemeral range return traffic needs (1024-65535)
 * - not applicable: other resource types
 */
import type { OwnRule } from './rule';

const ANYWHERE = new Set(['0.0.0.0/0', '::/0']);
const ADMIN_PORTS = [22, 3389];
const TCP_UDP = new Set(['6', '17']);
/** Return traffic uses an ephemeral range from 1024 (or higher) to 65535: not a listener opened to the internet. */
const isEphemeralRange = (from: number, to: number) => from >= 1024 && to === 65535;

export const NetworkAclNoUnrestrictedIngress: OwnRule = {
  id: 'NetworkAclNoUnrestrictedIngress',
  level: 'error',
  info: 'The network ACL entry allows inbound traffic from anywhere on all protocols, or to SSH or RDP.',
  explanation:
    'Subnets holding or reaching PHI must not accept every protocol, or remote administration, from the internet. ' +
    'Restrict the CIDR or the ports, or deny the traffic.',
  citations: ['164.308(a)(4)(ii)(B)', '164.312(a)(1)', '164.312(e)(1)'],
  check(resource) {
    if (resource.Type !== 'AWS::EC2::NetworkAclEntry') return 'not-applicable';
    const props = resource.Properties ?? {};
    const egress = props.Egress === true || props.Egress === 'true';
    if (egress || props.RuleAction !== 'allow') return 'compliant';
    if (!ANYWHERE.has(props.CidrBlock) && !ANYWHERE.has(props.Ipv6CidrBlock)) return 'compliant';
    const protocol = String(props.Protocol);
    if (protocol === '-1') return 'non-compliant';
    if (!TCP_UDP.has(protocol)) return 'compliant';
    const from = Number(props.PortRange?.From);
    const to = Number(props.PortRange?.To);
    if (!Number.isInteger(from) || !Number.isInteger(to)) return 'non-compliant';
    const opensAdmin = ADMIN_PORTS.some((port) => from <= port && port <= to);
    return opensAdmin && !isEphemeralRange(from, to) ? 'non-compliant' : 'compliant';
  },
};
