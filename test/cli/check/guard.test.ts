import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { holdsData } from '../../../lib/controls/stateful-types';
import {
  changedAssembly,
  checkPaths,
  cli,
  idAt,
  removeResource,
  renameResource,
  ruleAndResource,
} from '../../helpers/check';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';

const REPLACED = 'HIPAABaseline-StatefulResourceReplaced';
const RETAIN_REMOVED = 'HIPAABaseline-StatefulRetainPolicyRemoved';
const AUDIT_LOGS = 'LogArchive/Archive/AuditLogs/Resource';
const ACCESS_LOGS = 'LogArchive/Archive/AccessLogs/Resource';
const DATA_KEY = 'WorkloadData/DataKey/Key/Resource';
const DATA_ACCESS_LOGS = 'WorkloadData/AccessLogs/Resource';
/** The guard's verdict: the findings of the changed assembly, without the default's warnings (no alert subscriber). */
const guard = (mutate: (templates: Record<string, any>) => void) => {
  const result = checkPaths([changedAssembly(mutate)], DEFAULT_ASSEMBLY);
  return { ...result, findings: result.findings.filter((f) => f.severity === 'error') };
};
const acknowledgement = (id: string) => ({ id, reason: 'Migrating to a new bucket; the data was copied first.' });

describe('stateful-change guard (check --baseline)', () => {
  test('a renamed bucket (logical id changed) is a replacement, named old → new, and exits 1', () => {
    let oldId = '';
    const dir = changedAssembly((t) => {
      oldId = idAt(t.LogArchive, AUDIT_LOGS);
      t.LogArchive = renameResource(t.LogArchive, oldId, 'AuditLogsMoved');
    });
    const result = checkPaths([dir], DEFAULT_ASSEMBLY);
    const finding = result.findings.find((f) => f.rule === REPLACED)!;
    expect(finding).toMatchObject({ template: 'LogArchive', logicalId: 'AuditLogsMoved', severity: 'error' });
    expect(finding.message).toContain(`logical id changed (${oldId} → AuditLogsMoved)`);
    expect(finding.message).toContain(`acknowledge ${REPLACED} on the new resource`);
    expect(finding.controls).toEqual(['164.308(a)(7)(ii)(A)', '164.310(d)(2)(iv)', '164.312(c)(1)']);

    const run = cli(['check', dir, '--baseline', DEFAULT_ASSEMBLY]);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(new RegExp(`error +${REPLACED} +AuditLogsMoved \\(${AUDIT_LOGS}\\)`));
  });

  test('a renamed KMS key is a replacement', () => {
    const result = guard((t) => {
      t.WorkloadData = renameResource(t.WorkloadData, idAt(t.WorkloadData, DATA_KEY), 'PhiKey');
    });
    // The database encrypted with it names the key by an immutable property: it is replaced too.
    expect(ruleAndResource(result).sort()).toEqual([
      `${REPLACED} ExampleDatabaseCluster9D501802`,
      `${REPLACED} PhiKey`,
    ]);
  });

  test('an immutable property change names the property: BucketName changes → replacement', () => {
    let id = '';
    const result = guard((t) => {
      id = idAt(t.LogArchive, ACCESS_LOGS);
      t.LogArchive.Resources[id].Properties.BucketName = 'clinic-access-logs';
    });
    // A fixed name on a retained bucket also blocks the retry of a failed first deploy.
    expect(ruleAndResource(result)).toEqual([`HIPAABaseline-RetryableRetainedName ${id}`, `${REPLACED} ${id}`]);
    expect(result.findings.find((f) => f.rule === REPLACED)!.message).toContain('BucketName changes → replacement');
  });

  test.each([
    ['KeySpec', 'RSA_2048'],
    ['KeyUsage', 'SIGN_VERIFY'],
    ['MultiRegion', true],
  ])(
    'a key property CloudFormation refuses to change (%s) is a finding, read from the resource schemas',
    (property, value) => {
      let id = '';
      const result = guard((t) => {
        id = idAt(t.WorkloadData, DATA_KEY);
        t.WorkloadData.Resources[id].Properties[property] = value;
      });
      expect(ruleAndResource(result)).toEqual([`${REPLACED} ${id}`]);
      expect(result.findings[0].message).toContain(`${property} changes → the update fails`);
    },
  );

  test('a removed bucket is reported with how to acknowledge it on the stack', () => {
    let id = '';
    const result = guard((t) => {
      id = idAt(t.WorkloadData, DATA_ACCESS_LOGS);
      removeResource(
        t.WorkloadData,
        idAt(t.WorkloadData, `${DATA_ACCESS_LOGS.replace('/Resource', '')}/Policy/Resource`),
      );
      removeResource(t.WorkloadData, id);
    });
    const rule = `HIPAABaseline-StatefulResourceRemoved[${id}]`;
    expect(ruleAndResource(result)).toEqual([`${rule} ${id}`]);
    expect(result.findings[0].message).toContain('orphans it (DeletionPolicy Retain)');
    expect(result.findings[0].message).toContain(`acknowledge(stack, '${rule}'`);
  });

  test('Retain removed from a log group (DeletionPolicy) and a bucket (UpdateReplacePolicy)', () => {
    let logGroup = '';
    let bucket = '';
    const result = guard((t) => {
      logGroup = idAt(t.LogArchive, 'LogArchive/Trail/LogGroup/Resource');
      bucket = idAt(t.LogArchive, AUDIT_LOGS);
      t.LogArchive.Resources[logGroup].DeletionPolicy = 'Delete';
      delete t.LogArchive.Resources[bucket].UpdateReplacePolicy;
    });
    const guardFindings = result.findings.filter((f) => f.rule === RETAIN_REMOVED);
    expect(guardFindings.map((f) => f.logicalId).sort()).toEqual([bucket, logGroup].sort());
    expect(guardFindings.find((f) => f.logicalId === logGroup)!.message).toContain(
      'DeletionPolicy changes from Retain to Delete',
    );
  });

  test('a stack removed from the assembly removes its data-holding resources', () => {
    const dir = changedAssembly();
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    delete manifest.artifacts.WorkloadData;
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    const result = checkPaths([dir], DEFAULT_ASSEMBLY);
    const baseline = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'WorkloadData.template.json'), 'utf8'));
    const stateful = Object.entries<any>(baseline.Resources)
      .filter(([, r]) => holdsData(r))
      .map(([id]) => id);
    expect(stateful.length).toBeGreaterThan(5);
    // The stack's security controls (its backup vault lock) are removed with it.
    const controls = Object.keys(baseline.Metadata['hipaa-baseline:control-inventory']);
    expect(controls.length).toBeGreaterThan(0);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.template, f.rule]).sort()).toEqual(
      [
        ...stateful.map((id) => ['WorkloadData', `HIPAABaseline-StatefulResourceRemoved[${id}]`]),
        ...controls.map((id) => ['WorkloadData', `HIPAABaseline-ControlRemoved[${id}]`]),
      ].sort(),
    );
  });

  test('changes to resources that hold no data, and in-place updates, are not findings', () => {
    const result = guard((t) => {
      const alias = Object.keys(t.WorkloadData.Resources).find((key) => key.startsWith('DataKeyAlias'))!;
      t.WorkloadData.Resources[alias].Properties.AliasName = 'alias/clinic/phi';
      t.WorkloadData.Resources[idAt(t.WorkloadData, DATA_KEY)].Properties.Description = 'PHI key';
    });
    expect(result.findings).toEqual([]);
  });

  test('acknowledged changes are not findings, and are listed as acknowledged', () => {
    let removed = '';
    const result = guard((t) => {
      const old = idAt(t.LogArchive, AUDIT_LOGS);
      t.LogArchive = renameResource(t.LogArchive, old, 'AuditLogsMoved');
      t.LogArchive.Resources.AuditLogsMoved.Metadata.cdk_nag.rules_to_suppress.push(acknowledgement(REPLACED));
      removed = idAt(t.WorkloadData, DATA_ACCESS_LOGS);
      removeResource(
        t.WorkloadData,
        idAt(t.WorkloadData, `${DATA_ACCESS_LOGS.replace('/Resource', '')}/Policy/Resource`),
      );
      removeResource(t.WorkloadData, removed);
      // acknowledge(stack, …) reaches every resource of the stack.
      for (const resource of Object.values<any>(t.WorkloadData.Resources)) {
        const existing = resource.Metadata?.cdk_nag?.rules_to_suppress ?? [];
        resource.Metadata = {
          ...resource.Metadata,
          cdk_nag: {
            rules_to_suppress: [...existing, acknowledgement(`HIPAABaseline-StatefulResourceRemoved[${removed}]`)],
          },
        };
      }
    });
    expect(result.findings).toEqual([]);
    expect(result.acknowledged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ rule: REPLACED, template: 'LogArchive', logicalId: 'AuditLogsMoved' }),
        expect.objectContaining({ rule: `HIPAABaseline-StatefulResourceRemoved[${removed}]`, logicalId: removed }),
      ]),
    );
  });

  test('a template file is compared with the baseline template of the same file name', () => {
    const dir = changedAssembly((t) => {
      t.LogArchive = renameResource(t.LogArchive, idAt(t.LogArchive, AUDIT_LOGS), 'AuditLogsMoved');
    });
    const result = checkPaths([join(dir, 'LogArchive.template.json')], DEFAULT_ASSEMBLY);
    expect(ruleAndResource(result)).toEqual([`${REPLACED} AuditLogsMoved`]);
  });
});
