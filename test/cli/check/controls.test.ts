/**
 * Detective and audit controls the app recorded in each template's inventory: removing one, weakening its
 * intended settings, or dropping the inventory is a finding of `check`; with `--baseline`, a removed control
 * is a finding even when the inventory was edited to hide it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROL_INVENTORY_METADATA_KEY } from '../../../lib/controls/control-inventory-metadata';
import { changedAssembly, checkPaths, removeResource } from '../../helpers/check';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';

const INTACT = 'HIPAABaseline-ControlIntact';
const REMOVED = 'HIPAABaseline-ControlRemoved';
const idOfType = (template: any, type: string) =>
  Object.entries(template.Resources).find(([, r]: [string, any]) => r.Type === type)![0];
const errors = (result: ReturnType<typeof checkPaths>) =>
  result.findings.filter((f) => f.severity === 'error').map((f) => f.rule);

describe('controls recorded in the template inventory', () => {
  test('every template of the default assembly records its controls, and all are intact', () => {
    const result = checkPaths([DEFAULT_ASSEMBLY]);
    expect(errors(result)).toEqual([]);
    const template = JSON.parse(readFileSync(join(DEFAULT_ASSEMBLY, 'SecurityTooling.template.json'), 'utf8'));
    const inventory = template.Metadata[CONTROL_INVENTORY_METADATA_KEY];
    const controls = new Set(Object.values(inventory).map((entry: any) => entry.control));
    for (const control of [
      'guardduty-detector',
      'securityhub-hub',
      'macie-session',
      'access-analyzer',
      'config-rule',
      'audit-alarm',
    ]) {
      expect(controls).toContain(control);
    }
  });

  test('a removed detector is a finding', () => {
    let id = '';
    const result = checkPaths([
      changedAssembly((t) => {
        id = idOfType(t.SecurityTooling, 'AWS::GuardDuty::Detector');
        removeResource(t.SecurityTooling, id);
      }),
    ]);
    expect(errors(result)).toContain(`${INTACT}[${id}]`);
  });

  test.each([
    ['AWS::CloudTrail::Trail', 'LogArchive', 'IsMultiRegionTrail', false],
    ['AWS::CloudTrail::Trail', 'LogArchive', 'EnableLogFileValidation', false],
    [
      'AWS::Config::ConfigurationRecorder',
      'LogArchive',
      'RecordingGroup',
      { AllSupported: false, ResourceTypes: ['AWS::S3::Bucket'] },
    ],
    ['AWS::Macie::Session', 'SecurityTooling', 'Status', 'PAUSED'],
  ])('a weakened %s (%s %s) is a finding naming the property', (type, stack, property, value) => {
    let id = '';
    const result = checkPaths([
      changedAssembly((t) => {
        id = idOfType(t[stack], type);
        t[stack].Resources[id].Properties[property] = value;
      }),
    ]);
    expect(errors(result)).toContain(`${INTACT}[${id}.${property}]`);
  });

  test('a GuardDuty protection plan switched off is a finding', () => {
    let id = '';
    const result = checkPaths([
      changedAssembly((t) => {
        id = idOfType(t.SecurityTooling, 'AWS::GuardDuty::Detector');
        t.SecurityTooling.Resources[id].Properties.Features[0].Status = 'DISABLED';
      }),
    ]);
    expect(errors(result)).toContain(`${INTACT}[${id}.Features]`);
  });

  test('a template of the app without its inventory is a finding', () => {
    const result = checkPaths([
      changedAssembly((t) => {
        delete t.LogArchive.Metadata[CONTROL_INVENTORY_METADATA_KEY];
      }),
    ]);
    expect(errors(result)).toContain(`${INTACT}[inventory]`);
  });

  test('with --baseline, a control removed together with its inventory entry is still a finding', () => {
    let id = '';
    const result = checkPaths(
      [
        changedAssembly((t) => {
          id = idOfType(t.SecurityTooling, 'AWS::GuardDuty::Detector');
          removeResource(t.SecurityTooling, id);
          delete t.SecurityTooling.Metadata[CONTROL_INVENTORY_METADATA_KEY][id];
        }),
      ],
      DEFAULT_ASSEMBLY,
    );
    expect(errors(result)).not.toContain(`${INTACT}[${id}]`);
    expect(errors(result)).toContain(`${REMOVED}[${id}]`);
  });
});
