/**
 * Applies the requested settings, each on its own and all at the same time: one failing setting does not
 * stop the others, and every setting ends with a report. The reports are kept as they arrive, so when the
 * invocation runs out of time the answer can still say which settings were done (`snapshot`).
 *
 * Create and Update apply every setting in the properties and leave the others alone. Delete changes no
 * account setting (removing the resource never weakens the account); it only cancels the Macie
 * classification job this resource created (see ./macie-job.ts), as does an Update that removes the job.
 */
import { errorText } from '../common/aws-errors';
import { StepError } from './budget';
import type { SettingContext } from './context';
import { applyEbsEncryption } from './ebs-encryption';
import { applyGuardDuty } from './guardduty';
import type { RequestType } from './event';
import { applyInspector } from './inspector';
import { applyMacieDiscovery } from './macie-discovery';
import { applyMacieJob, cancelJobs } from './macie-job';
import { applyPasswordPolicy } from './password-policy';
import type { AccountSettings } from './properties';
import { applyPublicAccessBlock } from './public-access-block';
import { applySecurityHubStandards } from './security-hub';
import { notRequested, SETTINGS, type SettingName, type SettingReport } from './report';

type Step = (ctx: SettingContext) => Promise<SettingReport>;

/**
 * The step that applies each requested setting. A classification job that the previous properties had and
 * these do not is cancelled: the job belongs to the stack, like any resource removed from a template.
 */
function stepsFor(settings: AccountSettings, previous?: AccountSettings): Partial<Record<SettingName, Step>> {
  const s = settings;
  return {
    ...(previous?.MacieClassificationJob && !s.MacieClassificationJob ? { MacieClassificationJob: cancelJobs } : {}),
    ...(s.PasswordPolicy
      ? { PasswordPolicy: (ctx: SettingContext) => applyPasswordPolicy(ctx, s.PasswordPolicy!) }
      : {}),
    ...(s.EbsEncryptionByDefault
      ? { EbsEncryptionByDefault: (ctx: SettingContext) => applyEbsEncryption(ctx, s.EbsEncryptionByDefault!) }
      : {}),
    ...(s.S3AccountPublicAccessBlock ? { S3AccountPublicAccessBlock: applyPublicAccessBlock } : {}),
    ...(s.Inspector ? { Inspector: (ctx: SettingContext) => applyInspector(ctx, s.Inspector!) } : {}),
    ...(s.MacieAutomatedDiscovery ? { MacieAutomatedDiscovery: applyMacieDiscovery } : {}),
    ...(s.MacieClassificationJob
      ? { MacieClassificationJob: (ctx: SettingContext) => applyMacieJob(ctx, s.MacieClassificationJob!) }
      : {}),
    ...(s.GuardDuty ? { GuardDuty: (ctx: SettingContext) => applyGuardDuty(ctx, s.GuardDuty!) } : {}),
    ...(s.SecurityHubStandards
      ? {
          SecurityHubStandards: (ctx: SettingContext) => applySecurityHubStandards(ctx, s.SecurityHubStandards!),
        }
      : {}),
  };
}

/** Delete: every requested setting stays; the resource's own classification job is cancelled. */
function deleteStepsFor(settings: AccountSettings): Partial<Record<SettingName, Step>> {
  const steps: Partial<Record<SettingName, Step>> = {};
  for (const name of SETTINGS) {
    if (settings[name] === undefined) continue;
    steps[name] = async () => ({
      setting: name,
      outcome: 'left-in-place',
      detail: 'left in place: deleting the resource never weakens the account',
    });
  }
  if (settings.MacieClassificationJob) steps.MacieClassificationJob = cancelJobs;
  return steps;
}

export class Application {
  private readonly reports = new Map<SettingName, SettingReport>();

  constructor(
    private readonly ctx: SettingContext,
    private readonly requestType: RequestType,
    private readonly settings: AccountSettings,
    /** Update: the settings before (when they were valid). */
    private readonly previous?: AccountSettings,
  ) {}

  async run(): Promise<SettingReport[]> {
    const steps =
      this.requestType === 'Delete' ? deleteStepsFor(this.settings) : stepsFor(this.settings, this.previous);
    await Promise.all(
      SETTINGS.map(async (name) => {
        const step = steps[name];
        const report = step ? await this.attempt(name, step) : notRequested(name);
        this.reports.set(name, report);
      }),
    );
    return this.snapshot();
  }

  /** The reports so far, in a fixed order; a setting still running is reported failed with `unfinished`. */
  snapshot(unfinished = 'still running'): SettingReport[] {
    return SETTINGS.map(
      (name) =>
        this.reports.get(name) ?? {
          setting: name,
          outcome: 'failed',
          detail: 'did not finish',
          error: `${unfinished} (a call may have taken effect: the next run reads the real state)`,
        },
    );
  }

  private async attempt(name: SettingName, step: Step): Promise<SettingReport> {
    try {
      return await step(this.ctx);
    } catch (error) {
      const text = error instanceof StepError ? error.message : `unexpected error: ${errorText(error)}`;
      return { setting: name, outcome: 'failed', detail: 'not (fully) applied', error: text };
    }
  }
}
