import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import {
  installScheduleOf,
  patchGroupOf,
  type PatchingConfig,
  type PatchOperatingSystem,
} from '../config/patching-schema';
import { acknowledge, acknowledgeWildcardResource } from '../controls/acknowledge';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { TAGS } from '../functions/isolate-instance/tags';
import { osWord, patchBaselineProperties } from '../patching/baseline-rules';

/** The Systems Manager document that scans and installs with the instance's patch baseline (AWS-owned). */
export const PATCH_DOCUMENT = 'AWS-RunPatchBaseline';
/** Instance tag the incident response writes before it isolates an instance: never patch or reboot one that has it. */
export const QUARANTINE_MARKER_TAG = TAGS.isolatedByFinding;
/** Hours before an install window closes that no new instance starts installing. */
export const INSTALL_CUTOFF_HOURS = 1;

export interface PatchEnvironment {
  /** Environment name: its instances form the patch group `<namePrefix>-<name>`. */
  readonly name: string;
  /** Production environments follow `installSchedule.production`, the others `installSchedule.nonProduction`. */
  readonly production: boolean;
}

export interface PatchManagementProps {
  /** Prefix of names and patch groups. */
  readonly namePrefix: string;
  /**
   * The validated `patching` section: approval delays, schedules, rate controls. HIPAA 164.308(a)(5)(ii)(B);
   * AWS Config EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK.
   */
  readonly settings: PatchingConfig;
  /** Environments whose tagged instances are patched, each in its own install window. */
  readonly environments: readonly PatchEnvironment[];
}

const pascal = (word: string) =>
  word
    .split(/[^A-Za-z0-9]+/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
    .join('');

/**
 * Patch management with Systems Manager Patch Manager, for instances tagged `<tagKey>=<namePrefix>-<environment>`:
 * one patch baseline per operating system family (security updates approved after `approveAfterDays.security`
 * days, others after `approveAfterDays.other`) registered for every environment's patch group; a State Manager
 * association that scans them daily (its success or failure is association compliance in AWS Config); and per
 * environment a maintenance window that installs approved patches weekly, non-production before production.
 * Installs run with a service role that may not send commands to an instance the incident response has
 * isolated (tag `hipaa-baseline:isolated-by-finding`), so a quarantined instance is never patched or rebooted.
 * HIPAA 164.308(a)(5)(ii)(B), 164.308(a)(1)(ii)(B).
 */
export class PatchManagement extends Construct {
  /** Patch baselines by operating system family. */
  public readonly baselines: Partial<Record<PatchOperatingSystem, ssm.CfnPatchBaseline>> = {};
  /** Patch group (tag value) of each environment. */
  public readonly patchGroups: Record<string, string> = {};
  public readonly scan: ssm.CfnAssociation;
  public readonly installRole: iam.Role;
  public readonly installPermissions: iam.ManagedPolicy;
  /** Install windows and their tasks by environment name. */
  public readonly installWindows: Record<string, ssm.CfnMaintenanceWindow> = {};
  public readonly installTasks: Record<string, ssm.CfnMaintenanceWindowTask> = {};

  constructor(scope: Construct, id: string, props: PatchManagementProps) {
    super(scope, id);
    const { settings, namePrefix } = props;
    for (const env of props.environments) this.patchGroups[env.name] = patchGroupOf(namePrefix, env.name);
    const groups = Object.values(this.patchGroups);
    const tagTarget = (values: string[]) => [{ key: `tag:${settings.tagKey}`, values }];

    // A patch group can be registered with one baseline per family: each family's baseline takes every group.
    for (const os of settings.operatingSystems) {
      const baseline = new ssm.CfnPatchBaseline(
        this,
        `${pascal(os)}Baseline`,
        patchBaselineProperties(os, {
          name: `${namePrefix}-${osWord(os)}`,
          days: settings.approveAfterDays,
          patchGroups: groups,
        }),
      );
      recordControl(baseline, 'patch-baseline', ['OperatingSystem', 'ApprovalRules', 'PatchGroups']);
      this.baselines[os] = baseline;
    }

    // Scanning changes nothing on the instance (no install, no reboot). AWS-owned documents take no DocumentVersion.
    this.scan = new ssm.CfnAssociation(this, 'ScanAssociation', {
      name: PATCH_DOCUMENT,
      associationName: `${namePrefix}-patch-scan`,
      targets: tagTarget(groups),
      parameters: { Operation: ['Scan'], RebootOption: ['NoReboot'] },
      scheduleExpression: settings.scanSchedule,
      complianceSeverity: 'HIGH',
      syncCompliance: 'AUTO',
      maxConcurrency: '50%',
      // Every instance is scanned even when others fail: a scan is how failures become visible.
      maxErrors: '100%',
    });
    recordControl(this.scan, 'patch-scan', ['Name', 'Targets', 'Parameters', 'ScheduleExpression']);

    const stack = Stack.of(this);
    this.installRole = new iam.Role(this, 'InstallRole', {
      assumedBy: new iam.ServicePrincipal('ssm.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': stack.account },
      }),
      description: 'hipaa-baseline: install approved patches in the maintenance windows (never on isolated instances)',
    });
    const instances = `arn:${stack.partition}:ec2:${stack.region}:${stack.account}:instance/*`;
    this.installPermissions = new iam.ManagedPolicy(this, 'InstallPermissions', {
      roles: [this.installRole],
      statements: [
        new iam.PolicyStatement({
          sid: 'RunPatchBaseline',
          actions: ['ssm:SendCommand'],
          resources: [`arn:${stack.partition}:ssm:${stack.region}::document/${PATCH_DOCUMENT}`, instances],
        }),
        new iam.PolicyStatement({
          sid: 'NeverIsolatedInstances',
          effect: iam.Effect.DENY,
          actions: ['ssm:SendCommand'],
          resources: [instances],
          conditions: { Null: { [`ssm:resourceTag/${QUARANTINE_MARKER_TAG}`]: 'false' } },
        }),
        new iam.PolicyStatement({
          sid: 'FollowCommandsAndResolveTargets',
          actions: [
            'ssm:CancelCommand',
            'ssm:ListCommands',
            'ssm:ListCommandInvocations',
            'ssm:GetCommandInvocation',
            'ssm:ListTagsForResource',
            'tag:GetResources',
          ],
          resources: ['*'],
        }),
      ],
    });
    recordControl(this.installPermissions.node.defaultChild as iam.CfnManagedPolicy, 'patch-install-permissions', [
      'PolicyDocument',
      'Roles',
    ]);
    acknowledge(
      this.installPermissions,
      'AwsSolutions-IAM5[Resource::*]',
      'Listing and cancelling commands and resolving tag targets support no resource-level permissions.',
    );
    acknowledgeWildcardResource(
      this.installPermissions,
      instances,
      'Instances are chosen by their patch-group tag at run time; instances the incident response isolated are denied.',
    );

    for (const env of props.environments) this.addInstallWindow(env, props);

    declareControls(this, {
      citations: ['164.308(a)(5)(ii)(B)', '164.308(a)(1)(ii)(B)'],
      statement: `Patch Manager baselines for ${settings.operatingSystems.join(', ')} approve security updates after ${settings.approveAfterDays.security} days and other updates after ${settings.approveAfterDays.other}; instances tagged ${settings.tagKey}=${namePrefix}-<environment> are scanned on ${settings.scanSchedule} and patched in weekly windows per environment (${props.environments.map((env) => `${env.name} ${installScheduleOf(settings, env)}`).join(', ')}); instances isolated by the incident response are never patched or rebooted.`,
    });
  }

  private addInstallWindow(env: PatchEnvironment, props: PatchManagementProps): void {
    const { settings, namePrefix } = props;
    const word = pascal(env.name);
    const window = new ssm.CfnMaintenanceWindow(this, `${word}InstallWindow`, {
      name: `${namePrefix}-patch-install-${env.name}`,
      description: `hipaa-baseline: install approved patches on the ${env.name} environment`,
      schedule: installScheduleOf(settings, env),
      scheduleTimezone: settings.timezone,
      duration: settings.installWindowHours,
      cutoff: INSTALL_CUTOFF_HOURS,
      allowUnassociatedTargets: false,
    });
    const target = new ssm.CfnMaintenanceWindowTarget(this, `${word}InstallTargets`, {
      windowId: window.ref,
      name: `${namePrefix}-patch-group-${env.name}`,
      resourceType: 'INSTANCE',
      targets: [{ key: `tag:${settings.tagKey}`, values: [this.patchGroups[env.name]] }],
    });
    const task = new ssm.CfnMaintenanceWindowTask(this, `${word}InstallTask`, {
      windowId: window.ref,
      name: `${namePrefix}-patch-install-${env.name}`,
      taskType: 'RUN_COMMAND',
      taskArn: PATCH_DOCUMENT,
      priority: 1,
      targets: [{ key: 'WindowTargetIds', values: [target.ref] }],
      serviceRoleArn: this.installRole.roleArn,
      maxConcurrency: settings.maxConcurrency,
      maxErrors: settings.maxErrors,
      // At the cutoff Run Command tasks are left to finish: CANCEL_TASK would cancel installs mid-transaction.
      cutoffBehavior: 'CONTINUE_TASK',
      taskInvocationParameters: {
        maintenanceWindowRunCommandParameters: {
          parameters: { Operation: ['Install'], RebootOption: [settings.rebootOption] },
        },
      },
    });
    recordControl(window, 'patch-install-window', ['Schedule', 'Duration', 'Cutoff']);
    recordControl(target, 'patch-install-targets', ['WindowId', 'Targets']);
    // The service role must carry its permissions (the quarantine denial included) before a window can use it.
    task.node.addDependency(this.installPermissions);
    recordControl(task, 'patch-install', ['TaskArn', 'ServiceRoleArn', 'TaskInvocationParameters', 'Targets']);
    this.installWindows[env.name] = window;
    this.installTasks[env.name] = task;
  }
}
