/**
 * Control map of the organisation (organisation mode): the StackSet's member template is read as a stack
 * of its own (its resources, Config rules and the declarations the parent's metadata holds for it), and
 * every stack and implementation says which account of the organisation it is for.
 */
import { readFileSync } from 'node:fs';
import { buildControlMap } from '../../../lib/cli/control-map/build';
import { loadAssembly } from '../../../lib/cli/control-map/load';
import { renderMarkdown } from '../../../lib/cli/control-map/render-md';
import { ORGANIZATION_ASSEMBLY, ORGANIZATION_CONFIG } from '../../helpers/paths';

const org = JSON.parse(readFileSync(ORGANIZATION_CONFIG, 'utf8')).organization;
const assembly = loadAssembly(ORGANIZATION_ASSEMBLY);
const map = buildControlMap(assembly, '0.0.0');
const MEMBER_PATH = 'Management/MemberBaseline/Template/';
const MEMBERS = `member accounts of ${org.memberTargets.organizationalUnitIds.join(', ')} in ${org.memberTargets.regions.join(', ')}`;

describe('control map in organisation mode', () => {
  const member = assembly.stacks.find((stack) => stack.id.startsWith('Management/'))!;

  test('the member template is a stack of its own, holding the declarations made under its path', () => {
    expect(member.account).toMatchObject({
      role: 'member',
      organizationalUnitIds: org.memberTargets.organizationalUnitIds,
    });
    expect(member.declarations.length).toBeGreaterThan(0);
    expect(member.declarations.every((d) => d.path.startsWith(MEMBER_PATH))).toBe(true);
    const management = assembly.stacks.find((stack) => stack.id === 'Management')!;
    expect(management.declarations.some((d) => d.path.startsWith(MEMBER_PATH))).toBe(false);
    expect(management.declarations.length).toBeGreaterThan(0);
  });

  test('every stack names its account: role and id, or the OUs and regions of the StackSet', () => {
    expect(Object.fromEntries(map.stacks.map((s) => [s.id, s.account]))).toEqual({
      LogArchive: `log-archive account ${org.logArchiveAccount}`,
      Management: `management account ${org.managementAccount}`,
      [member.id]: MEMBERS,
      'ManagementBaseline-us-east-1': `management account ${org.managementAccount}`,
      'ManagementBaseline-us-west-2': `management account ${org.managementAccount}`,
      SecurityTooling: `audit account ${org.auditAccount}`,
      Network: `network account ${org.networkAccount}`,
    });
  });

  test('which account implements what: Config recording in the members, guardrails in the management account', () => {
    const recording = map.controls
      .flatMap((c) => c.implementations)
      .filter((i) => i.constructType === 'ConfigRecording')
      .map((i) => i.account);
    expect(recording).toContain(MEMBERS);
    const guardrails = map.controls
      .flatMap((c) => c.implementations)
      .find((i) => i.constructPath === 'Management/Guardrails');
    expect(guardrails?.account).toBe(`management account ${org.managementAccount}`);
    expect(renderMarkdown(map)).toContain(`| ${member.id} (${MEMBERS}) |`);
  });

  test('the Config rules the member template deploys are verifying rules of the member stack', () => {
    const rules = map.configRules.filter((rule) => rule.stack === member.id).map((rule) => rule.identifier);
    expect(rules).toEqual(expect.arrayContaining(['IAM_PASSWORD_POLICY', 'EC2_EBS_ENCRYPTION_BY_DEFAULT']));
  });
});
