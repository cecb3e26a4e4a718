/**
 * The manifest written beside every output in the de-identified zone: what was removed (identifier types
 * and counts, how they were found), from which source version, by which rule set. Never a value.
 */
import type { FormatReport } from './formats';
import { RULE_SET_VERSION, type DetectionMethod, type IdentifierType } from './identifiers';
import type { ModelUsage } from './model';
import type { ObjectHead } from './storage';
import type { Tally } from './tally';

export const MANIFEST_VERSION = 1;

export interface Manifest {
  readonly manifestVersion: number;
  readonly ruleSetVersion: string;
  readonly processedAt: string;
  /** Year dates were judged against (the year the source version was written). */
  readonly referenceYear: number;
  readonly source: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId: string | null;
    readonly etag: string;
    readonly bytes: number;
    readonly lastModified: string;
  };
  readonly output: { readonly bucket: string; readonly key: string; readonly bytes: number };
  readonly format: FormatReport['format'];
  /** Lines (text, JSON Lines), records (CSV, header excluded) or 1 (JSON). */
  readonly units: number;
  /** CSV: how many columns each rule applied to. */
  readonly columns?: FormatReport['columns'];
  readonly identifiers: {
    readonly total: number;
    readonly byType: Partial<Record<IdentifierType, number>>;
    readonly byMethod: Record<DetectionMethod, number>;
  };
  readonly comprehendMedical: {
    readonly region: string;
    readonly requests: number;
    readonly characters: number;
    readonly modelVersion?: string;
  };
}

export function buildManifest(input: {
  readonly sourceBucket: string;
  readonly head: ObjectHead;
  readonly outputBucket: string;
  readonly outputKey: string;
  readonly outputBytes: number;
  readonly report: FormatReport;
  readonly tally: Tally;
  readonly usage: ModelUsage;
  readonly comprehendMedicalRegion: string;
  readonly referenceYear: number;
  readonly now: Date;
}): Manifest {
  const { head, report, tally, usage } = input;
  return {
    manifestVersion: MANIFEST_VERSION,
    ruleSetVersion: RULE_SET_VERSION,
    processedAt: input.now.toISOString(),
    referenceYear: input.referenceYear,
    source: {
      bucket: input.sourceBucket,
      key: head.key,
      versionId: head.versionId ?? null,
      etag: head.etag,
      bytes: head.bytes,
      lastModified: head.lastModified.toISOString(),
    },
    output: { bucket: input.outputBucket, key: input.outputKey, bytes: input.outputBytes },
    format: report.format,
    units: report.units,
    ...(report.columns ? { columns: report.columns } : {}),
    identifiers: { total: tally.total, byType: { ...tally.byType }, byMethod: { ...tally.byMethod } },
    comprehendMedical: {
      region: input.comprehendMedicalRegion,
      requests: usage.requests,
      characters: usage.characters,
      ...(usage.modelVersion ? { modelVersion: usage.modelVersion } : {}),
    },
  };
}
