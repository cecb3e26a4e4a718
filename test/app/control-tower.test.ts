/**
 * The example configuration for an account where Control Tower (the Config recorder and delivery channel)
 * and earlier setups (GuardDuty, Security Hub, Macie, Access Analyzer) already created the services that
 * exist once per account and region: its templates create none of them, still pass the gate, and the
 * control map says what the baseline then relies on.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildControlMap } from '../../lib/cli/control-map/build';
import { loadAssembly } from '../../lib/cli/control-map/load';
import { renderMarkdown } from '../../lib/cli/control-map/render-md';
import { checkPaths } from '../helpers/check';
import { CONTROL_TOWER_ASSEMBLY } from '../helpers/paths';

const templates = readdirSync(CONTROL_TOWER_ASSEMBLY)
  .filter((file) => file.endsWith('.template.json'))
  .map((file) => JSON.parse(readFileSync(join(CONTROL_TOWER_ASSEMBLY, file), 'utf8')));
const types = templates.flatMap((t) =>
  Object.values(t.Resources as Record<string, { Type: string }>).map((r) => r.Type),
);

describe('config/control-tower.example.json', () => {
  test('creates none of the once-per-account services', () => {
    for (const type of [
      'AWS::GuardDuty::Detector',
      'AWS::SecurityHub::Hub',
      'AWS::SecurityHub::Standard',
      'AWS::Macie::Session',
      'AWS::AccessAnalyzer::Analyzer',
      'AWS::Config::ConfigurationRecorder',
      'AWS::Config::DeliveryChannel',
    ]) {
      expect([type, types.includes(type)]).toEqual([type, false]);
    }
  });

  test('passes the gate again on the final templates (check: no error finding)', () => {
    const result = checkPaths([CONTROL_TOWER_ASSEMBLY]);
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  test('the control map names what the baseline relies on and keeps its own implementations apart from it', () => {
    const map = buildControlMap(loadAssembly(CONTROL_TOWER_ASSEMBLY), '0.0.0');
    const relied = map.controls.flatMap((c) => c.implementations.filter((i) => i.reliesOn).map((i) => i.reliesOn));
    expect(new Set(relied)).toEqual(
      new Set([
        "the account's existing GuardDuty detector",
        "the account's existing Security Hub",
        "the account's existing Macie",
        "the account's existing IAM Access Analyzer",
        'the AWS Config recorder and delivery channel managed by the organisation (Control Tower)',
      ]),
    );
    // Where the baseline also implements a citation itself, it stays implemented, and says what it relies on.
    const evaluation = map.controls.find((c) => c.citation === '164.308(a)(8)')!;
    expect(evaluation.implementations.some((i) => i.reliesOn)).toBe(true);
    expect(evaluation.status).toBe('implemented');
    expect(evaluation.statement).toMatch(/relies on .*which it does not deploy/);
    expect(renderMarkdown(map)).toContain('**Relies on** the account');
  });
});

describe('existing services are configured by the account-settings function', () => {
  const security = templates.find((t) =>
    Object.values(t.Resources as Record<string, any>).some((r) => r.Type === 'Custom::AccountSettings'),
  );
  const settings: any = Object.values(security.Resources as Record<string, any>).find(
    (r) => r.Type === 'Custom::AccountSettings',
  );
  const statements = Object.values(security.Resources as Record<string, any>)
    .filter((r) => r.Type === 'AWS::IAM::ManagedPolicy')
    .flatMap((r) => r.Properties.PolicyDocument.Statement);
  const sids = statements.map((s: any) => s.Sid);

  test('the existing GuardDuty detector gets every enabled protection plan, 15-minute findings and the export', () => {
    const guardDuty = settings.Properties.GuardDuty;
    expect(guardDuty.FindingPublishingFrequency).toBe('FIFTEEN_MINUTES');
    expect(guardDuty.Features.map((f: any) => f.Name)).toEqual(
      expect.arrayContaining(['S3_DATA_EVENTS', 'EBS_MALWARE_PROTECTION', 'RDS_LOGIN_EVENTS', 'RUNTIME_MONITORING']),
    );
    expect(guardDuty.FindingsExport.DestinationArn).toBeDefined();
    expect(guardDuty.FindingsExport.KmsKeyArn).toBeDefined();
    expect(sids).toEqual(expect.arrayContaining(['ExistingGuardDutyDetector', 'GuardDutyExportBucket']));
  });

  test('the existing Security Hub gets the configured standards', () => {
    const arns = JSON.stringify(settings.Properties.SecurityHubStandards.StandardsArns);
    expect(arns).toContain('standards/aws-foundational-security-best-practices/v/1.0.0');
    expect(arns).toContain('standards/nist-800-53/v/5.0.0');
    expect(sids).toContain('ExistingSecurityHub');
  });

  test('Inspector and Macie in mode existing are still configured', () => {
    expect(settings.Properties.Inspector).toBeDefined();
    expect(settings.Properties.MacieClassificationJob).toBeDefined();
  });
});
