/**
 * Settings of the de-identification function, read from its environment on every invocation. Bad
 * settings are never guessed around: every record of the batch is left for a retry (and, when they stay
 * bad, the dead-letter queue) and the problems are logged.
 *
 * - `SOURCE_BUCKET` — the raw-phi zone bucket; events about other buckets are ignored.
 * - `OUTPUT_BUCKET` — the de-identified zone bucket.
 * - `MAX_OBJECT_BYTES` — larger objects are quarantined (they could not finish in one invocation).
 * - `MAX_RECEIVE_COUNT` — deliveries of a message before the queue moves it to its dead-letter queue;
 *   the last one quarantines an object that keeps failing instead of leaving it to the dead-letter queue.
 * - `MODEL_CONCURRENCY` — Comprehend Medical requests in flight per batch (1-16).
 * - `MODEL_CHARACTERS_PER_SECOND` — optional: characters per second this instance sends to Comprehend
 *   Medical (its share of the account's quota); unlimited when unset.
 * - `COMPREHEND_MEDICAL_REGION` — optional: where Comprehend Medical is called (default: the function's).
 * - `AWS_REGION` — set by Lambda.
 */
export const SETTING_VARIABLES = {
  sourceBucket: 'SOURCE_BUCKET',
  outputBucket: 'OUTPUT_BUCKET',
  maxObjectBytes: 'MAX_OBJECT_BYTES',
  maxReceiveCount: 'MAX_RECEIVE_COUNT',
  modelConcurrency: 'MODEL_CONCURRENCY',
  modelCharactersPerSecond: 'MODEL_CHARACTERS_PER_SECOND',
  comprehendMedicalRegion: 'COMPREHEND_MEDICAL_REGION',
} as const;

export interface Settings {
  readonly sourceBucket: string;
  readonly outputBucket: string;
  readonly maxObjectBytes: number;
  readonly maxReceiveCount: number;
  readonly modelConcurrency: number;
  /** Characters per second this instance sends to Comprehend Medical; undefined: no limit. */
  readonly modelCharactersPerSecond?: number;
  /** Region of the Comprehend Medical endpoint. */
  readonly comprehendMedicalRegion: string;
  /** Region the function runs in. */
  readonly region: string;
}

export type DeploymentSettings = Omit<Settings, 'region' | 'comprehendMedicalRegion' | 'modelCharactersPerSecond'> & {
  readonly modelCharactersPerSecond?: number;
  readonly comprehendMedicalRegion?: string;
};

export type SettingsResult =
  { readonly ok: true; readonly settings: Settings } | { readonly ok: false; readonly problems: readonly string[] };

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d$/;
/** CopyObject (quarantine) copies at most 5 GiB in one call. */
const MAX_COPY_BYTES = 5 * 1024 ** 3;

/** Reads and validates the settings; every problem is one `NAME: reason` line. */
export function readSettings(env: Readonly<Record<string, string | undefined>>): SettingsResult {
  const problems: string[] = [];
  const v = SETTING_VARIABLES;
  const text = (name: string, pattern: RegExp, what: string, optional = false): string | undefined => {
    const value = env[name];
    if (!value) {
      if (!optional) problems.push(`${name}: required`);
      return undefined;
    }
    if (!pattern.test(value)) problems.push(`${name}: must be ${what}`);
    return value;
  };
  const whole = (name: string, min: number, max: number, fallback?: number): number => {
    const value = env[name];
    if (!value && fallback !== undefined) return fallback;
    const n = Number(value);
    if (!value || !/^\d+$/.test(value) || n < min || n > max) {
      problems.push(`${name}: ${value ? `must be a whole number from ${min} to ${max}` : 'required'}`);
    }
    return n;
  };
  const sourceBucket = text(v.sourceBucket, BUCKET, 'an S3 bucket name');
  const outputBucket = text(v.outputBucket, BUCKET, 'an S3 bucket name');
  const maxObjectBytes = whole(v.maxObjectBytes, 1, MAX_COPY_BYTES);
  const maxReceiveCount = whole(v.maxReceiveCount, 1, 1000);
  const modelConcurrency = whole(v.modelConcurrency, 1, 16, 4);
  const perSecond = env[v.modelCharactersPerSecond] ? whole(v.modelCharactersPerSecond, 100, 100_000_000) : undefined;
  const comprehendMedicalRegion = text(v.comprehendMedicalRegion, REGION, 'an AWS region name', true);
  const region = text('AWS_REGION', REGION, 'an AWS region name');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      sourceBucket: sourceBucket!,
      outputBucket: outputBucket!,
      maxObjectBytes,
      maxReceiveCount,
      modelConcurrency,
      ...(perSecond !== undefined ? { modelCharactersPerSecond: perSecond } : {}),
      comprehendMedicalRegion: comprehendMedicalRegion ?? region!,
      region: region!,
    },
  };
}

/** The environment variables that carry the given settings (the inverse of `readSettings`). */
export function renderSettings(settings: DeploymentSettings): Record<string, string> {
  const v = SETTING_VARIABLES;
  return {
    [v.sourceBucket]: settings.sourceBucket,
    [v.outputBucket]: settings.outputBucket,
    [v.maxObjectBytes]: String(settings.maxObjectBytes),
    [v.maxReceiveCount]: String(settings.maxReceiveCount),
    [v.modelConcurrency]: String(settings.modelConcurrency),
    ...(settings.modelCharactersPerSecond
      ? { [v.modelCharactersPerSecond]: String(settings.modelCharactersPerSecond) }
      : {}),
    ...(settings.comprehendMedicalRegion ? { [v.comprehendMedicalRegion]: settings.comprehendMedicalRegion } : {}),
  };
}
