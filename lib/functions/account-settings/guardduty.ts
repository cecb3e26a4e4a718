/**
 * The account's existing GuardDuty detector (`accountServices.guardDuty: existing`; HIPAA 164.308(a)(1)(ii)(D),
 * 164.308(a)(6)(ii), 164.312(b)): the protection plans the baseline asks for switched on, the finding frequency
 * set, and findings exported to the log archive — what the baseline's own detector would have.
 *
 * ListDetectors finds the detector (none: the setting fails, naming the `create` mode). GetDetector reads its
 * features and frequency; UpdateDetector is called only when a requested feature (or one of its additional
 * configurations) is not ENABLED or the frequency differs, and only with those features: the function never
 * turns a protection plan off. A member account whose administrator manages its detector is refused by
 * GuardDuty; that refusal fails the setting with GuardDuty's message (mode `organization` is then the right one).
 *
 * GuardDuty takes one publishing destination per detector. None: one is created for the findings bucket and
 * key. One for the same bucket: unchanged. One for another bucket (an organisation's central export): left as it
 * is and reported in the detail and in `GuardDutyFindingsExport`, since replacing it would cut off the
 * organisation's copy.
 */
import {
  CreatePublishingDestinationCommand,
  DescribePublishingDestinationCommand,
  GetDetectorCommand,
  ListDetectorsCommand,
  ListPublishingDestinationsCommand,
  UpdateDetectorCommand,
  type DetectorFeatureConfiguration,
  type DetectorFeatureConfigurationResult,
} from '@aws-sdk/client-guardduty';
import type { SettingContext } from './context';
import type { GuardDutySettings } from './properties';
import type { SettingReport } from './report';

export async function applyGuardDuty(ctx: SettingContext, wanted: GuardDutySettings): Promise<SettingReport> {
  const { guardduty } = ctx.clients;
  const listed = await ctx.budget.call('ListDetectors', (options) =>
    guardduty.send(new ListDetectorsCommand({}), options),
  );
  const detectorId = listed.DetectorIds?.[0];
  if (!detectorId) {
    return {
      setting: 'GuardDuty',
      outcome: 'failed',
      detail: 'no GuardDuty detector in this account and region',
      error: 'ListDetectors: no detector: set accountServices.guardDuty to "create" to have the baseline create one',
    };
  }
  const detector = await ctx.budget.call('GetDetector', (options) =>
    guardduty.send(new GetDetectorCommand({ DetectorId: detectorId }), options),
  );
  const missing = missingFeatures(wanted.Features, detector.Features ?? []);
  const frequencyChange =
    detector.FindingPublishingFrequency !== wanted.FindingPublishingFrequency
      ? `${detector.FindingPublishingFrequency ?? 'unset'} -> ${wanted.FindingPublishingFrequency}`
      : '';
  const changes: string[] = [];
  if (missing.length > 0 || frequencyChange) {
    await ctx.budget.call('UpdateDetector', (options) =>
      guardduty.send(
        new UpdateDetectorCommand({
          DetectorId: detectorId,
          FindingPublishingFrequency: wanted.FindingPublishingFrequency,
          ...(missing.length > 0 ? { Features: missing } : {}),
        }),
        options,
      ),
    );
    if (missing.length > 0) changes.push(`enabled ${missing.map(describeFeature).join(', ')}`);
    if (frequencyChange) changes.push(`finding frequency ${frequencyChange}`);
  }

  const exported = wanted.FindingsExport ? await ensureExport(ctx, detectorId, wanted.FindingsExport) : undefined;
  if (exported?.created) changes.push(`findings exported to ${wanted.FindingsExport!.DestinationArn}`);
  const notes = exported && !exported.created && !exported.ours ? [exported.detail] : [];
  const data = {
    GuardDutyDetectorId: detectorId,
    ...(exported ? { GuardDutyFindingsExport: exported.destinationArn } : {}),
  };
  if (changes.length === 0) {
    return {
      setting: 'GuardDuty',
      outcome: 'unchanged',
      detail: [`detector ${detectorId} already as requested`, ...notes].join('; '),
      data,
    };
  }
  return {
    setting: 'GuardDuty',
    outcome: 'applied',
    detail: [`detector ${detectorId}`, ...changes, ...notes].join('; '),
    data,
  };
}

/** The requested features (with their additional configurations) not ENABLED on the detector, to enable. */
export function missingFeatures(
  wanted: GuardDutySettings['Features'],
  current: readonly DetectorFeatureConfigurationResult[],
): DetectorFeatureConfiguration[] {
  const missing: DetectorFeatureConfiguration[] = [];
  for (const feature of wanted) {
    const now = current.find((f) => f.Name === feature.Name);
    const extras = (feature.AdditionalConfiguration ?? []).filter(
      (extra) => now?.AdditionalConfiguration?.find((c) => c.Name === extra)?.Status !== 'ENABLED',
    );
    if (now?.Status === 'ENABLED' && extras.length === 0) continue;
    missing.push({
      Name: feature.Name as DetectorFeatureConfiguration['Name'],
      Status: 'ENABLED',
      ...(feature.AdditionalConfiguration?.length
        ? {
            AdditionalConfiguration: feature.AdditionalConfiguration.map((extra) => ({
              Name: extra as NonNullable<DetectorFeatureConfiguration['AdditionalConfiguration']>[number]['Name'],
              Status: 'ENABLED' as const,
            })),
          }
        : {}),
    });
  }
  return missing;
}

function describeFeature(feature: DetectorFeatureConfiguration): string {
  const extras = feature.AdditionalConfiguration?.map((c) => c.Name).join('+');
  return extras ? `${feature.Name} (${extras})` : String(feature.Name);
}

interface ExportState {
  readonly created: boolean;
  /** The destination exports to the requested bucket. */
  readonly ours: boolean;
  readonly destinationArn: string;
  readonly detail: string;
}

async function ensureExport(
  ctx: SettingContext,
  detectorId: string,
  wanted: NonNullable<GuardDutySettings['FindingsExport']>,
): Promise<ExportState> {
  const { guardduty } = ctx.clients;
  const listed = await ctx.budget.call('ListPublishingDestinations', (options) =>
    guardduty.send(new ListPublishingDestinationsCommand({ DetectorId: detectorId }), options),
  );
  for (const destination of listed.Destinations ?? []) {
    if (destination.DestinationType !== 'S3' || !destination.DestinationId) continue;
    const described = await ctx.budget.call('DescribePublishingDestination', (options) =>
      guardduty.send(
        new DescribePublishingDestinationCommand({ DetectorId: detectorId, DestinationId: destination.DestinationId }),
        options,
      ),
    );
    const arn = described.DestinationProperties?.DestinationArn ?? '';
    const ours = sameBucket(arn, wanted.DestinationArn);
    return {
      created: false,
      ours,
      destinationArn: arn,
      detail: ours
        ? `findings already exported to ${arn}`
        : `findings already exported to ${arn} (left in place: GuardDuty takes one destination per detector), not to ${wanted.DestinationArn}`,
    };
  }
  await ctx.budget.call('CreatePublishingDestination', (options) =>
    guardduty.send(
      new CreatePublishingDestinationCommand({
        DetectorId: detectorId,
        DestinationType: 'S3',
        DestinationProperties: { DestinationArn: wanted.DestinationArn, KmsKeyArn: wanted.KmsKeyArn },
        ClientToken: `${ctx.logicalResourceId}-${detectorId}`.slice(0, 64),
      }),
      options,
    ),
  );
  return { created: true, ours: true, destinationArn: wanted.DestinationArn, detail: '' };
}

/** Bucket ARNs compared without a trailing slash or folder (`arn:aws:s3:::bucket/prefix/`). */
function sameBucket(a: string, b: string): boolean {
  const bucket = (arn: string) => arn.replace(/^arn:[^:]+:s3:::/, '').split('/')[0];
  return bucket(a) === bucket(b);
}
