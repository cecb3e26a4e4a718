/**
 * Where the pipeline reads and writes, and the events it sends. Imports nothing, so the construct can
 * read it (IAM resources, the event rule's exclusions, the alert pattern) without pulling in the handler.
 *
 * - raw zone `<key>` → de-identified zone `records/<key>` (the output) and `manifests/<key>.manifest.json`
 *   (what was removed: types and counts, never values);
 * - an object that cannot be de-identified is copied within the raw zone to `quarantine/<key>` (never to
 *   the de-identified zone), and an EventBridge event of QUARANTINE_DETAIL_TYPE alerts people.
 */

/** Prefix of de-identified outputs in the de-identified zone. */
export const OUTPUT_PREFIX = 'records/';
/** Prefix of manifests in the de-identified zone. */
export const MANIFEST_PREFIX = 'manifests/';
export const MANIFEST_SUFFIX = '.manifest.json';
/** Prefix of quarantined objects in the raw zone (excluded from the pipeline's own trigger). */
export const QUARANTINE_PREFIX = 'quarantine/';

/** Source of the pipeline's EventBridge events (the alert rule and the IAM condition name it). */
export const EVENT_SOURCE = 'hipaa-baseline.deidentification';
/** Detail type of the event sent when an object is quarantined. */
export const QUARANTINE_DETAIL_TYPE = 'De-identification Quarantined';

/** Object metadata the pipeline writes (S3 sends them as `x-amz-meta-<name>`). */
export const METADATA = {
  sourceEtag: 'source-etag',
  sourceVersionId: 'source-version-id',
  ruleSetVersion: 'rule-set-version',
  quarantineReason: 'quarantine-reason',
} as const;

/** Longest S3 key (bytes of UTF-8). */
export const MAX_KEY_BYTES = 1024;
