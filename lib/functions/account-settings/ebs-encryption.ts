/**
 * EBS encryption by default (HIPAA 164.312(a)(2)(iv) encryption): a regional setting, applied in the
 * stack's region. The default key is set before encryption is switched on, so no volume is created in
 * between with a key other than the requested one. Each call is made only when the setting differs.
 */
import {
  EnableEbsEncryptionByDefaultCommand,
  GetEbsDefaultKmsKeyIdCommand,
  GetEbsEncryptionByDefaultCommand,
  ModifyEbsDefaultKmsKeyIdCommand,
} from '@aws-sdk/client-ec2';
import type { SettingContext } from './context';
import type { SettingReport } from './report';

export async function applyEbsEncryption(ctx: SettingContext, wanted: { KmsKeyArn?: string }): Promise<SettingReport> {
  const { ec2 } = ctx.clients;
  const enabled = await ctx.budget.call('GetEbsEncryptionByDefault', (options) =>
    ec2.send(new GetEbsEncryptionByDefaultCommand({}), options),
  );
  const key = await ctx.budget.call('GetEbsDefaultKmsKeyId', (options) =>
    ec2.send(new GetEbsDefaultKmsKeyIdCommand({}), options),
  );
  const changes: string[] = [];
  let keyId = key.KmsKeyId ?? '';
  if (wanted.KmsKeyArn && keyId !== wanted.KmsKeyArn) {
    const out = await ctx.budget.call('ModifyEbsDefaultKmsKeyId', (options) =>
      ec2.send(new ModifyEbsDefaultKmsKeyIdCommand({ KmsKeyId: wanted.KmsKeyArn }), options),
    );
    keyId = out.KmsKeyId ?? wanted.KmsKeyArn;
    changes.push(`default key set to ${keyId}`);
  }
  if (enabled.EbsEncryptionByDefault !== true) {
    await ctx.budget.call('EnableEbsEncryptionByDefault', (options) =>
      ec2.send(new EnableEbsEncryptionByDefaultCommand({}), options),
    );
    changes.push('encryption by default enabled');
  }
  const data = { EbsDefaultKmsKeyId: keyId };
  if (changes.length === 0) {
    return {
      setting: 'EbsEncryptionByDefault',
      outcome: 'unchanged',
      detail: `already enabled in ${ctx.region} with key ${keyId}`,
      data,
    };
  }
  return {
    setting: 'EbsEncryptionByDefault',
    outcome: 'applied',
    detail: `${ctx.region}: ${changes.join('; ')}`,
    data,
  };
}
