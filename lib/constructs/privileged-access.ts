import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';

export interface PrivilegedAccessProps {
  readonly namePrefix: string;
  /** Maximum age of the MFA sign-in allowed to assume the roles, seconds. HIPAA 164.312(d). */
  readonly mfaMaxAgeSeconds: number;
  /**
   * IAM Identity Center permission sets whose sessions may assume the administrator role (Identity Center
   * enforces MFA at sign-in; its sessions carry no aws:MultiFactorAuthPresent). HIPAA 164.312(d).
   * @default - none: only IAM principals of the account with recent MFA
   */
  readonly identityCenterPermissionSets?: readonly string[];
  /**
   * IAM users who may assume the break-glass role (with MFA). HIPAA 164.312(a)(2)(ii).
   * @default - every IAM user on the path /break-glass/
   */
  readonly breakGlassPrincipalArns?: readonly string[];
}

/** The IAM path of break-glass users when no principals are named. */
export const BREAK_GLASS_USER_PATH = '/break-glass/';

/** Actions a human principal may still call without MFA: only those needed to set MFA up. */
const MFA_SELF_SERVICE = [
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetUser',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'iam:ChangePassword',
  'iam:GetAccountPasswordPolicy',
  'sts:GetSessionToken',
];

/**
 * MFA-protected access: an administrator role that can be assumed only with MFA no older than the
 * configured age (or from the named IAM Identity Center permission sets, which enforce MFA at sign-in), a
 * break-glass role that only named IAM users (default: users on the path /break-glass/) can assume with MFA
 * and whose every use raises an alert (see AuditAlarms), and a managed policy that denies human principals everything but MFA self-management
 * until they sign in with MFA. HIPAA 164.312(d) person or entity authentication, 164.312(a)(2)(ii)
 * emergency access procedure, 164.312(a)(2)(iii) automatic logoff (role sessions end after one hour),
 * 164.308(a)(5)(ii)(D); AWS Config MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS.
 */
export class PrivilegedAccess extends Construct {
  public readonly administratorRole: iam.Role;
  public readonly breakGlassRole: iam.Role;
  public readonly requireMfaPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: PrivilegedAccessProps) {
    super(scope, id);
    const account = Stack.of(this).account;
    const withMfa = new iam.AccountRootPrincipal().withConditions({
      Bool: { 'aws:MultiFactorAuthPresent': 'true' },
      NumericLessThan: { 'aws:MultiFactorAuthAge': String(props.mfaMaxAgeSeconds) },
    });
    const admin = iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess');
    const adminFinding = 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]';

    this.administratorRole = new iam.Role(this, 'AdministratorRole', {
      roleName: `${props.namePrefix}-administrator`,
      assumedBy: withMfa,
      maxSessionDuration: Duration.hours(1),
      description: 'Administration; assumable only with recent MFA',
      managedPolicies: [admin],
    });
    acknowledge(
      this.administratorRole,
      adminFinding,
      'Administrators need full access; recent MFA gates every assumption and CloudTrail records each use.',
    );

    const partition = Stack.of(this).partition;
    for (const permissionSet of props.identityCenterPermissionSets ?? []) {
      // Identity Center sessions: MFA is enforced at sign-in, and the role is the permission set's own.
      this.administratorRole.assumeRolePolicy!.addStatements(
        new iam.PolicyStatement({
          sid: `IdentityCenter${permissionSet.replace(/[^A-Za-z0-9]/g, '')}`,
          principals: [new iam.AccountRootPrincipal()],
          actions: ['sts:AssumeRole'],
          conditions: {
            ArnLike: {
              'aws:PrincipalArn': `arn:${partition}:iam::${account}:role/aws-reserved/sso.amazonaws.com/*AWSReservedSSO_${permissionSet}_*`,
            },
          },
        }),
      );
    }

    // Distinct from the administrator role: only named IAM users (or those on the break-glass path), never
    // Identity Center, whose failure is what break-glass is for.
    const breakGlassUsers = props.breakGlassPrincipalArns?.length
      ? [...props.breakGlassPrincipalArns]
      : [`arn:${partition}:iam::${account}:user${BREAK_GLASS_USER_PATH}*`];
    this.breakGlassRole = new iam.Role(this, 'BreakGlassRole', {
      roleName: `${props.namePrefix}-break-glass`,
      assumedBy: new iam.AccountRootPrincipal().withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThan: { 'aws:MultiFactorAuthAge': String(props.mfaMaxAgeSeconds) },
        ArnLike: { 'aws:PrincipalArn': breakGlassUsers },
      }),
      maxSessionDuration: Duration.hours(1),
      description: 'Emergency access when normal administration is unavailable; every use alerts the security team',
      managedPolicies: [admin],
    });
    acknowledge(
      this.breakGlassRole,
      adminFinding,
      'Emergency access must not be blocked by a missing permission; every assumption raises an alarm.',
    );

    for (const role of [this.administratorRole, this.breakGlassRole]) {
      recordControl(role.node.defaultChild as iam.CfnRole, 'privileged-role', [
        'AssumeRolePolicyDocument',
        'MaxSessionDuration',
      ]);
    }
    this.requireMfaPolicy = new iam.ManagedPolicy(this, 'RequireMfa', {
      managedPolicyName: `${props.namePrefix}-require-mfa`,
      description:
        'Attach to every human user or group: denies everything but MFA self-management until signed in with MFA',
      statements: [
        new iam.PolicyStatement({
          sid: 'ManageOwnMfa',
          actions: [
            'iam:CreateVirtualMFADevice',
            'iam:EnableMFADevice',
            'iam:ResyncMFADevice',
            'iam:ListMFADevices',
            'iam:GetUser',
            'iam:ChangePassword',
          ],
          resources: [
            `arn:${Stack.of(this).partition}:iam::${account}:mfa/\${aws:username}`,
            `arn:${Stack.of(this).partition}:iam::${account}:user/\${aws:username}`,
          ],
        }),
        new iam.PolicyStatement({
          sid: 'DenyAllWithoutMfa',
          effect: iam.Effect.DENY,
          notActions: MFA_SELF_SERVICE,
          resources: ['*'],
          conditions: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
        }),
      ],
    });
    recordControl(this.requireMfaPolicy.node.defaultChild as iam.CfnManagedPolicy, 'require-mfa-policy', [
      'PolicyDocument',
    ]);

    declareControls(this, {
      citations: [
        '164.312(d)',
        '164.312(a)(2)(ii)',
        '164.312(a)(2)(iii)',
        '164.308(a)(5)(ii)(D)',
        '164.308(a)(3)(i)',
        '164.308(a)(3)(ii)(A)',
      ],
      statement:
        'Administrative and emergency roles require MFA no older than the configured age and end their sessions after one hour; human principals are denied everything but MFA setup until they authenticate with MFA; break-glass use alerts.',
    });
  }
}
