/**
 * Lambda entry point of the de-identification pipeline (raw-phi zone → de-identified zone): S3 "Object
 * Created" events of the raw zone arrive through an SQS queue; each object is de-identified under the
 * HIPAA Safe Harbor method (45 CFR 164.514(b)(2)) — Amazon Comprehend Medical DetectPHI for names and
 * other PHI in free text, deterministic rules for the 18 identifiers — and written to the de-identified
 * zone with a manifest of what was removed, or quarantined with an alert.
 *
 * Settings: ./settings.ts. Steps, idempotency and retries: ./handler.ts. Rules: ./rules.ts, ./fields.ts,
 * ./dates.ts, ./zip.ts. Formats and streaming: ./formats.ts. Where things go: ./layout.ts.
 */
import { createClients, type Clients } from './clients';
import { createHandler } from './handler';

let clients: Clients | undefined;

export const handler = createHandler({
  clients: (settings) =>
    (clients ??= createClients({
      region: settings.region,
      comprehendMedicalRegion: settings.comprehendMedicalRegion,
    })),
  env: process.env,
});
