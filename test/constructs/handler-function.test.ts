import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HandlerName } from '../../lib/functions/bundling';
import { defaultTemplateJson } from '../helpers/assembly';
import { bundleHandler } from '../helpers/bundle-handler';
import { DEFAULT_ASSEMBLY } from '../helpers/paths';
import { byPath } from '../helpers/template-query';

// Every function of the baseline ships its handler bundled at synth, in process, with the options the
// bundle tests check (lib/functions/bundling.ts), and has a KMS-encrypted DLQ and a retained KMS log group.
const FUNCTIONS: ReadonlyArray<[string, HandlerName]> = [
  ['IncidentResponse', 'isolate-instance'],
  ['AccountHardening', 'account-settings'],
];

describe.each(FUNCTIONS)('%s function', (owner, handler) => {
  const template = defaultTemplateJson('SecurityTooling');
  const [, fn] = byPath(template, `${owner}/Function/Resource`);

  test(`its code asset is lib/functions/${handler} bundled exactly as the bundle test builds it`, () => {
    const hash = /^([0-9a-f]{64})\.zip$/.exec(fn.Properties.Code.S3Key)![1];
    const staged = readFileSync(join(DEFAULT_ASSEMBLY, `asset.${hash}`, 'index.js'), 'utf8');
    expect(staged).toBe(bundleHandler(handler).text);
    expect(fn.Properties).toMatchObject({ Handler: 'index.handler', Runtime: 'nodejs24.x' });
  });

  test('its dead-letter queue and log group are KMS-encrypted; the log group is retained', () => {
    const [queueId, queue] = byPath(template, `${owner}/DeadLetterQueue/Resource`);
    const [logsId, logGroup] = byPath(template, `${owner}/Logs/Resource`);
    expect(fn.Properties.DeadLetterConfig.TargetArn).toEqual({ 'Fn::GetAtt': [queueId, 'Arn'] });
    expect(fn.Properties.LoggingConfig.LogGroup).toEqual({ Ref: logsId });
    expect(queue.Properties.KmsMasterKeyId).toBeDefined();
    expect(logGroup.Properties.KmsKeyId).toBeDefined();
    expect(logGroup.DeletionPolicy).toBe('Retain');
  });
});
