/**
 * S3 Block Public Access for the whole account (HIPAA 164.312(a)(1) access control): all four flags on.
 * Read first; written only when a flag is off or there is no configuration.
 */
import {
  GetPublicAccessBlockCommand,
  NoSuchPublicAccessBlockConfiguration,
  PutPublicAccessBlockCommand,
  type PublicAccessBlockConfiguration,
} from '@aws-sdk/client-s3-control';
import { StepError } from './budget';
import type { SettingContext } from './context';
import type { SettingReport } from './report';

const ALL_ON: Required<PublicAccessBlockConfiguration> = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
const FLAGS = Object.keys(ALL_ON) as (keyof PublicAccessBlockConfiguration)[];

export async function applyPublicAccessBlock(ctx: SettingContext): Promise<SettingReport> {
  const current = await read(ctx);
  const off = FLAGS.filter((flag) => current?.[flag] !== true);
  if (off.length === 0) {
    return { setting: 'S3AccountPublicAccessBlock', outcome: 'unchanged', detail: 'all four flags already on' };
  }
  await ctx.budget.call('PutPublicAccessBlock', (options) =>
    ctx.clients.s3control.send(
      new PutPublicAccessBlockCommand({ AccountId: ctx.account, PublicAccessBlockConfiguration: ALL_ON }),
      options,
    ),
  );
  const was = current ? `turned on ${off.join(', ')}` : 'the account had no configuration';
  return { setting: 'S3AccountPublicAccessBlock', outcome: 'applied', detail: `${was}; all four flags on` };
}

async function read(ctx: SettingContext): Promise<PublicAccessBlockConfiguration | undefined> {
  try {
    const out = await ctx.budget.call('GetPublicAccessBlock', (options) =>
      ctx.clients.s3control.send(new GetPublicAccessBlockCommand({ AccountId: ctx.account }), options),
    );
    return out.PublicAccessBlockConfiguration;
  } catch (error) {
    if (error instanceof StepError && error.cause instanceof NoSuchPublicAccessBlockConfiguration) return undefined;
    throw error;
  }
}
