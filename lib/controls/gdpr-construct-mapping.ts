import type { GdprId } from './catalog.generated';

/** GDPR provisions a construct implements beyond what its HIPAA citations map to (this project's own mapping). */
export interface GdprConstructMapping {
  readonly gdpr: readonly GdprId[];
  readonly rationale: string;
}

/**
 * Direct GDPR mappings by construct type (the class name `declareControls` records), for what the
 * HIPAA → GDPR table cannot say because HIPAA has no matching requirement. Typed: a misspelt provision
 * is a compile error. A test checks that every construct named here is in the default assembly.
 */
export const GDPR_BY_CONSTRUCT: Readonly<Record<string, GdprConstructMapping>> = {
  ConfigRecording: {
    gdpr: ['Art. 30'],
    rationale:
      'The AWS Config inventory and configuration history describe the processing systems and their security measures, an input to the records of processing activities (Art. 30(1)(g), 30(2)(d)).',
  },
  PhiDataZones: {
    gdpr: ['Art. 25(1)', 'Art. 32(1)(a)'],
    rationale:
      'The de-identified zone, with its own key and roles that cannot read the raw zone, keeps pseudonymised data apart from the information that re-identifies it.',
  },
  PhiBucket: {
    gdpr: ['Art. 25(2)'],
    rationale: 'Data buckets block public access and deny requests without TLS: not accessible to anyone by default.',
  },
  AccountHardening: {
    gdpr: ['Art. 25(2)'],
    rationale: 'Account-wide S3 public access block and EBS encryption by default make the secure setting the default.',
  },
};
