import { Stack } from 'aws-cdk-lib';
import { buildBaseline } from '../../lib/app/build-baseline';
import { parseConfig } from '../../lib/config/load';
import type { BaselineConfigInput } from '../../lib/config/schema';
import {
  INSTALL_CUTOFF_HOURS,
  PATCH_DOCUMENT,
  PatchManagement,
  QUARANTINE_MARKER_TAG,
} from '../../lib/constructs/patch-management';
import { configRules } from '../../lib/controls/config-rules';
import { TAGS } from '../../lib/functions/isolate-instance/tags';
import { testApp } from '../helpers/app';
import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources, type Resource } from '../helpers/template-query';
import { findingEvent, Harness, webInstance } from '../functions/isolate-instance/harness';

/** The template of a PatchManagement construct alone, for a configuration (no synth gate). */
function patchTemplate(config: BaselineConfigInput = {}): any {
  const app = testApp({ 'aws:cdk:enable-path-metadata': true });
  const stack = new Stack(app, 'Patch', { env: { account: '111122223333', region: 'us-east-1' } });
  const parsed = parseConfig(config);
  new PatchManagement(stack, 'Patching', {
    namePrefix: parsed.namePrefix,
    settings: parsed.patching,
    environments: parsed.environments,
  });
  return app.synth().getStackArtifact(stack.artifactId).template;
}

const baselines = (template: any) => resources(template, 'AWS::SSM::PatchBaseline').map(([, r]) => r.Properties);
const rulesOf = (baseline: any) => baseline.ApprovalRules.PatchRules as any[];
const filtersOf = (rule: any) =>
  Object.fromEntries(rule.PatchFilterGroup.PatchFilters.map((f: any) => [f.Key, f.Values])) as Record<string, string[]>;

/**
 * The filter keys and values Patch Manager defines for each family (Systems Manager user guide, "Patch
 * baseline filters"); a key or value outside them fails CreatePatchBaseline.
 */
const DEFINED_FILTERS: Record<string, Record<string, readonly string[]>> = {
  AMAZON_LINUX_2023: {
    CLASSIFICATION: ['Security', 'Bugfix', 'Enhancement', 'Recommended', 'Newpackage'],
    SEVERITY: ['Critical', 'Important', 'Medium', 'Low', 'None'],
  },
  AMAZON_LINUX_2: {
    CLASSIFICATION: ['Security', 'Bugfix', 'Enhancement', 'Recommended', 'Newpackage'],
    SEVERITY: ['Critical', 'Important', 'Medium', 'Low'],
  },
  REDHAT_ENTERPRISE_LINUX: {
    CLASSIFICATION: ['Security', 'Bugfix', 'Enhancement', 'Recommended', 'Newpackage'],
    SEVERITY: ['Critical', 'Important', 'Moderate', 'Low'],
  },
  UBUNTU: { PRIORITY: ['Required', 'Important', 'Standard', 'Optional', 'Extra'] },
  WINDOWS: {
    CLASSIFICATION: [
      'CriticalUpdates',
      'DefinitionUpdates',
      'Drivers',
      'FeaturePacks',
      'SecurityUpdates',
      'ServicePacks',
      'Tools',
      'UpdateRollups',
      'Updates',
      'Upgrades',
    ],
    MSRC_SEVERITY: ['Critical', 'Important', 'Moderate', 'Low', 'Unspecified'],
  },
};
/** Names of Systems Manager resources (patch baselines, associations, windows, targets, tasks). */
const SSM_NAME = /^[a-zA-Z0-9_\-.]{3,128}$/;

describe('PatchManagement: patch baselines', () => {
  const template = patchTemplate();

  test('one baseline per family, each registered for every environment’s patch group (one baseline per family and group)', () => {
    const all = baselines(template);
    expect(all.map((b) => b.OperatingSystem)).toEqual([
      'AMAZON_LINUX_2023',
      'AMAZON_LINUX_2',
      'UBUNTU',
      'REDHAT_ENTERPRISE_LINUX',
      'WINDOWS',
    ]);
    for (const baseline of all) {
      expect(baseline.PatchGroups).toEqual(['hipaa-prod', 'hipaa-nonprod', 'hipaa-shared']);
      expect(baseline.Name).toMatch(SSM_NAME);
    }
  });

  test('security updates are approved after 7 days and rated CRITICAL; other updates after 14 days', () => {
    for (const baseline of baselines(template).filter((b) => b.OperatingSystem !== 'UBUNTU')) {
      const [security, other] = rulesOf(baseline);
      expect([baseline.OperatingSystem, security.ApproveAfterDays, security.ComplianceLevel]).toEqual([
        baseline.OperatingSystem,
        7,
        'CRITICAL',
      ]);
      expect([baseline.OperatingSystem, other.ApproveAfterDays, other.ComplianceLevel]).toEqual([
        baseline.OperatingSystem,
        14,
        'MEDIUM',
      ]);
    }
    const byOs = Object.fromEntries(baselines(template).map((b) => [b.OperatingSystem, b]));
    expect(filtersOf(rulesOf(byOs.AMAZON_LINUX_2023)[0])).toEqual({ CLASSIFICATION: ['Security'] });
    expect(filtersOf(rulesOf(byOs.REDHAT_ENTERPRISE_LINUX)[1])).toEqual({ CLASSIFICATION: ['Bugfix'] });
    expect(filtersOf(rulesOf(byOs.WINDOWS)[0])).toEqual({ CLASSIFICATION: ['CriticalUpdates', 'SecurityUpdates'] });
  });

  test('Ubuntu rules carry no approval delay or cut-off date (Patch Manager refuses both for Ubuntu)', () => {
    const ubuntu = baselines(template).find((b) => b.OperatingSystem === 'UBUNTU');
    for (const rule of rulesOf(ubuntu)) {
      expect(rule.ApproveAfterDays).toBeUndefined();
      expect(rule.ApproveUntilDate).toBeUndefined();
    }
    expect(filtersOf(rulesOf(ubuntu)[0]).PRIORITY).toEqual(['Required', 'Important', 'Standard', 'Optional', 'Extra']);
  });

  test('every filter key and value is one Patch Manager defines for that family', () => {
    for (const baseline of baselines(template)) {
      const defined = DEFINED_FILTERS[baseline.OperatingSystem];
      for (const rule of rulesOf(baseline)) {
        for (const [key, values] of Object.entries(filtersOf(rule))) {
          expect([baseline.OperatingSystem, key, values.filter((v) => !defined[key]?.includes(v))]).toEqual([
            baseline.OperatingSystem,
            key,
            [],
          ]);
          expect(Object.keys(defined)).toContain(key);
        }
      }
    }
  });

  test('Windows counts available security updates that are not yet approved as missing (superseded updates)', () => {
    const windows = baselines(template).find((b) => b.OperatingSystem === 'WINDOWS');
    expect(windows.AvailableSecurityUpdatesComplianceStatus).toBe('NON_COMPLIANT');
    // A Linux baseline does not take the Windows-only property.
    for (const b of baselines(template).filter((x) => x.OperatingSystem !== 'WINDOWS')) {
      expect(b.AvailableSecurityUpdatesComplianceStatus).toBeUndefined();
    }
  });

  test('the configuration chooses the families and the delays', () => {
    const custom = baselines(
      patchTemplate({
        patching: { operatingSystems: ['AMAZON_LINUX_2023'], approveAfterDays: { security: 2, other: 30 } },
      }),
    );
    expect(custom).toHaveLength(1);
    expect(rulesOf(custom[0]).map((r) => r.ApproveAfterDays)).toEqual([2, 30]);
    expect(custom[0].Description).toContain('after 2 days');
  });
});

describe('PatchManagement: daily scan', () => {
  const template = patchTemplate();
  const [[, scan]] = resources(template, 'AWS::SSM::Association');

  test('a State Manager association scans every environment’s tagged instances daily, never installing or rebooting', () => {
    expect(scan.Properties).toMatchObject({
      Name: PATCH_DOCUMENT,
      AssociationName: 'hipaa-patch-scan',
      Parameters: { Operation: ['Scan'], RebootOption: ['NoReboot'] },
      ScheduleExpression: 'cron(0 2 * * ? *)',
      Targets: [{ Key: 'tag:PatchGroup', Values: ['hipaa-prod', 'hipaa-nonprod', 'hipaa-shared'] }],
      SyncCompliance: 'AUTO',
      MaxErrors: '100%',
    });
  });

  test('names no document version (CreateAssociation fails with one for an AWS-owned document)', () => {
    expect(scan.Properties.DocumentVersion).toBeUndefined();
  });

  test('the configured tag key and scan schedule are used', () => {
    const custom = patchTemplate({ patching: { tagKey: 'Patch Group', scanSchedule: 'cron(30 1 * * ? *)' } });
    const [[, association]] = resources(custom, 'AWS::SSM::Association');
    expect(association.Properties.ScheduleExpression).toBe('cron(30 1 * * ? *)');
    expect(association.Properties.Targets[0].Key).toBe('tag:Patch Group');
    for (const [, target] of resources(custom, 'AWS::SSM::MaintenanceWindowTarget')) {
      expect(target.Properties.Targets[0].Key).toBe('tag:Patch Group');
    }
  });
});

describe('PatchManagement: weekly installs per environment', () => {
  const template = patchTemplate();
  const window = (env: string) => byPath(template, `Patching/${env}InstallWindow`)[1];
  const task = (env: string) => byPath(template, `Patching/${env}InstallTask`)[1];

  test('non-production installs on Saturday, production environments (prod, shared) on Sunday', () => {
    expect(window('Nonprod').Properties.Schedule).toBe('cron(0 4 ? * SAT *)');
    expect(window('Prod').Properties.Schedule).toBe('cron(0 4 ? * SUN *)');
    expect(window('Shared').Properties.Schedule).toBe('cron(0 4 ? * SUN *)');
  });

  test('each window lasts the configured hours, with a cutoff shorter than its duration, only for registered targets', () => {
    for (const [, w] of resources(template, 'AWS::SSM::MaintenanceWindow')) {
      expect(w.Properties).toMatchObject({
        Duration: 4,
        Cutoff: INSTALL_CUTOFF_HOURS,
        ScheduleTimezone: 'Etc/UTC',
        AllowUnassociatedTargets: false,
      });
      expect(w.Properties.Cutoff).toBeLessThan(w.Properties.Duration);
      expect(w.Properties.Name).toMatch(SSM_NAME);
    }
  });

  test('each window targets only its environment’s patch group', () => {
    for (const env of ['Prod', 'Nonprod', 'Shared']) {
      const [targetId, target] = byPath(template, `Patching/${env}InstallTargets`);
      expect(target.Properties).toMatchObject({
        ResourceType: 'INSTANCE',
        Targets: [{ Key: 'tag:PatchGroup', Values: [`hipaa-${env.toLowerCase()}`] }],
      });
      expect(flat(target.Properties.WindowId)).toBe(`<${byPath(template, `Patching/${env}InstallWindow`)[0]}>`);
      expect(task(env).Properties.Targets).toEqual([{ Key: 'WindowTargetIds', Values: [{ Ref: targetId }] }]);
    }
  });

  test('the task installs with reboot if needed, rate controls set (required for a targeted task), finishing what it started', () => {
    for (const env of ['Prod', 'Nonprod', 'Shared']) {
      expect(task(env).Properties).toMatchObject({
        TaskType: 'RUN_COMMAND',
        TaskArn: PATCH_DOCUMENT,
        MaxConcurrency: '20%',
        MaxErrors: '20%',
        CutoffBehavior: 'CONTINUE_TASK',
        TaskInvocationParameters: {
          MaintenanceWindowRunCommandParameters: {
            Parameters: { Operation: ['Install'], RebootOption: ['RebootIfNeeded'] },
          },
        },
      });
    }
  });

  test('the configuration sets schedules per environment, time zone, length, reboot and rate controls', () => {
    const custom = patchTemplate({
      patching: {
        installSchedule: { production: 'cron(0 1 ? * TUE *)', environments: { shared: 'cron(0 22 ? * WED *)' } },
        timezone: 'America/Chicago',
        installWindowHours: 6,
        rebootOption: 'NoReboot',
        maxConcurrency: '2',
        maxErrors: '0',
      },
    });
    expect(byPath(custom, 'Patching/ProdInstallWindow')[1].Properties).toMatchObject({
      Schedule: 'cron(0 1 ? * TUE *)',
      ScheduleTimezone: 'America/Chicago',
      Duration: 6,
    });
    expect(byPath(custom, 'Patching/SharedInstallWindow')[1].Properties.Schedule).toBe('cron(0 22 ? * WED *)');
    expect(byPath(custom, 'Patching/NonprodInstallWindow')[1].Properties.Schedule).toBe('cron(0 4 ? * SAT *)');
    const prodTask = byPath(custom, 'Patching/ProdInstallTask')[1].Properties;
    expect(prodTask.MaxConcurrency).toBe('2');
    expect(prodTask.MaxErrors).toBe('0');
    expect(prodTask.TaskInvocationParameters.MaintenanceWindowRunCommandParameters.Parameters.RebootOption).toEqual([
      'NoReboot',
    ]);
  });

  test('environments added to the configuration get their own window and patch group', () => {
    const custom = patchTemplate({
      environments: [
        { name: 'prod', cidr: '10.10.0.0/16' },
        { name: 'qa', cidr: '10.40.0.0/16', production: false },
      ],
    });
    expect(resources(custom, 'AWS::SSM::MaintenanceWindow').map(([, w]) => w.Properties.Name)).toEqual([
      'hipaa-patch-install-prod',
      'hipaa-patch-install-qa',
    ]);
    expect(byPath(custom, 'Patching/QaInstallWindow')[1].Properties.Schedule).toBe('cron(0 4 ? * SAT *)');
    expect(baselines(custom)[0].PatchGroups).toEqual(['hipaa-prod', 'hipaa-qa']);
  });
});

describe('PatchManagement: quarantined instances are never patched or rebooted', () => {
  const template = patchTemplate();
  const [roleId] = byPath(template, 'Patching/InstallRole/Resource');
  const [policyId, policy] = byPath(template, 'Patching/InstallPermissions/Resource');
  const statements: any[] = policy.Properties.PolicyDocument.Statement;

  test('the install role may not send commands to an instance carrying the isolation marker', () => {
    expect(QUARANTINE_MARKER_TAG).toBe(TAGS.isolatedByFinding);
    const deny = statements.find((s) => s.Effect === 'Deny');
    expect(deny).toMatchObject({
      Sid: 'NeverIsolatedInstances',
      Action: 'ssm:SendCommand',
      Condition: { Null: { [`ssm:resourceTag/${TAGS.isolatedByFinding}`]: 'false' } },
    });
    expect(flat(deny.Resource)).toMatch(/:instance\/\*$/);
    // The allow covers the same instances: the explicit deny is what decides for isolated ones.
    const allow = statements.find((s) => s.Sid === 'RunPatchBaseline');
    expect(allow.Resource.map(flat)).toContain(flat(deny.Resource));
    expect(policy.Properties.Roles).toEqual([{ Ref: roleId }]);
  });

  test('every install task runs with that role (none falls back to the service-linked role) and waits for its policy', () => {
    const tasks = resources(template, 'AWS::SSM::MaintenanceWindowTask');
    expect(tasks).toHaveLength(3);
    for (const [, t] of tasks) {
      expect(t.Properties.ServiceRoleArn).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
      expect([t.DependsOn ?? []].flat()).toContain(policyId);
    }
  });

  test('installs happen only in those tasks: everything else that runs the patch document only scans', () => {
    const runsPatchDocument = (r: Resource) =>
      r.Properties?.Name === PATCH_DOCUMENT || r.Properties?.TaskArn === PATCH_DOCUMENT;
    for (const stack of ['LogArchive', 'Network', 'WorkloadData', 'SecurityTooling', 'DisasterRecovery']) {
      for (const [id, r] of resources(defaultTemplateJson(stack)).filter(([, r]) => runsPatchDocument(r))) {
        const operation =
          r.Type === 'AWS::SSM::MaintenanceWindowTask'
            ? r.Properties.TaskInvocationParameters.MaintenanceWindowRunCommandParameters.Parameters.Operation
            : r.Properties.Parameters.Operation;
        if (operation[0] === 'Install') {
          expect([id, r.Type, flat(r.Properties.ServiceRoleArn)]).toEqual([
            id,
            'AWS::SSM::MaintenanceWindowTask',
            expect.stringMatching(/PatchingInstallRole/),
          ]);
        } else expect([id, operation, r.Properties.Parameters.RebootOption]).toEqual([id, ['Scan'], ['NoReboot']]);
      }
    }
  });

  test('the incident response writes that marker before it changes the instance, and leaves the patch-group tag alone', async () => {
    const h = await new Harness().start();
    try {
      const instance = h.fake.addInstance(webInstance({ tags: { Name: 'ehr-app-1', PatchGroup: 'hipaa-prod' } }));
      const { result } = await h.invoke(findingEvent());
      expect(result.status).toBe('isolated');
      expect(instance.tags[QUARANTINE_MARKER_TAG]).toBeDefined();
      expect(instance.tags.PatchGroup).toBe('hipaa-prod');
      const actions = h.fake.received.map((r) => r.action);
      const marked = h.fake.received.findIndex(
        (r) => r.action === 'CreateTags' && Object.values(r.params).includes(QUARANTINE_MARKER_TAG),
      );
      expect(marked).toBeGreaterThanOrEqual(0);
      expect(marked).toBeLessThan(actions.indexOf('ModifyNetworkInterfaceAttribute'));
    } finally {
      await h.stop();
    }
  });

  test('the incident response itself is unchanged by patching: same function, rule and permissions with patching off', () => {
    const of = (enabled: boolean) => {
      const app = testApp({ 'aws:cdk:enable-path-metadata': true });
      const stacks = buildBaseline(app, parseConfig({ patching: { enabled } }), { gate: false });
      const t = app.synth().getStackArtifact(stacks.securityTooling.artifactId).template;
      return resources(t)
        .filter(([, r]) => String(r.Metadata?.['aws:cdk:path'] ?? '').includes('/IncidentResponse/'))
        .map(([id, r]) => [id, r.Type, r.Properties]);
    };
    const withPatching = of(true);
    expect(withPatching.length).toBeGreaterThan(5);
    expect(withPatching).toEqual(of(false));
  });
});

describe('PatchManagement in the baseline', () => {
  test('patching off: no patch baseline, association, window or compliance check', () => {
    const app = testApp();
    const stacks = buildBaseline(app, parseConfig({ patching: { enabled: false } }), { gate: false });
    const template = app.synth().getStackArtifact(stacks.securityTooling.artifactId).template;
    const types = new Set(resources(template).map(([, r]) => r.Type));
    for (const type of [
      'AWS::SSM::PatchBaseline',
      'AWS::SSM::Association',
      'AWS::SSM::MaintenanceWindow',
      'AWS::StepFunctions::StateMachine',
    ]) {
      expect(types.has(type)).toBe(false);
    }
  });

  test('the default baseline deploys it, with the AWS Config rules that report patch and association compliance', () => {
    const template = defaultTemplateJson('SecurityTooling');
    expect(resources(template, 'AWS::SSM::PatchBaseline')).toHaveLength(5);
    const deployed = resources(template, 'AWS::Config::ConfigRule').map(
      ([, r]) => r.Properties.Source.SourceIdentifier,
    );
    for (const identifier of [
      'EC2_MANAGEDINSTANCE_PATCH_COMPLIANCE_STATUS_CHECK',
      'EC2_MANAGEDINSTANCE_ASSOCIATION_COMPLIANCE_STATUS_CHECK',
      'EC2_INSTANCE_MANAGED_BY_SSM',
    ]) {
      expect(deployed).toContain(identifier);
      expect(configRules().get(identifier)!.citations).toContain('164.308(a)(5)(ii)(B)');
    }
  });

  test('the control inventory records the baselines, the scan, the install tasks and the quarantine denial', () => {
    const template = defaultTemplateJson('SecurityTooling');
    const inventory = template.Metadata['hipaa-baseline:control-inventory'];
    const controls = Object.values(inventory).map((entry: any) => entry.control);
    expect(controls.filter((c) => c === 'patch-baseline')).toHaveLength(5);
    expect(controls.filter((c) => c === 'patch-install')).toHaveLength(3);
    expect(controls).toEqual(expect.arrayContaining(['patch-scan', 'patch-install-permissions']));
  });
});
