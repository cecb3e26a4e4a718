// The de-identification pipeline: recall per identifier type on the committed synthetic corpus, and
// throughput on large generated files, end to end (the real handler, streaming from and to a local S3
// double, free text through a local Comprehend Medical double, no character budget), then the rules alone.
// Run with `npm run bench deid`.
import { Deidentifier } from '../../lib/functions/deidentify/deidentifier';
import { processStream, type Format } from '../../lib/functions/deidentify/formats';
import { MODEL_TYPES } from '../../lib/functions/deidentify/identifiers';
import { Tally } from '../../lib/functions/deidentify/tally';
import { syntheticCsv, syntheticNotes } from '../functions/deidentify/corpus/generate';
import { Harness, objectCreated } from '../functions/deidentify/harness';
import { measureRecall } from '../functions/deidentify/recall';

const MiB = 1024 * 1024;
const mbps = (bytes: number, ms: number) => `${(bytes / MiB / (ms / 1000)).toFixed(2)} MiB/s`;

/** Default DetectPHI quota of an account and region, characters per second. */
const DEFAULT_QUOTA_CPS = 40_000;

async function endToEnd(key: string, text: string): Promise<void> {
  const harness = await new Harness().start();
  try {
    harness.put(key, text);
    const memory = process.memoryUsage().rss;
    const start = process.hrtime.bigint();
    const { results } = await harness.invoke([objectCreated(key)]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const result = results[0];
    if (result.status !== 'deidentified') throw new Error(`${key}: ${JSON.stringify(result)}`);
    const bytes = Buffer.byteLength(text);
    const usage = result.comprehendMedical!;
    const identifiers = Object.values(result.identifiers ?? {}).reduce((n, c) => n + (c ?? 0), 0);
    console.log(
      `${key}: ${(bytes / MiB).toFixed(1)} MiB in ${(ms / 1000).toFixed(1)} s = ${mbps(bytes, ms)}; ` +
        `${identifiers} identifiers removed; ${usage.requests} DetectPHI requests, ${(usage.characters / 1e6).toFixed(1)} M characters; ` +
        `${harness.storage.calls('UploadPart').length} parts; RSS +${((process.memoryUsage().rss - memory) / MiB).toFixed(0)} MiB (the doubles hold input and output in memory)`,
    );
    const minutes = usage.characters / DEFAULT_QUOTA_CPS / 60;
    console.log(
      `  at the default Comprehend Medical quota (${DEFAULT_QUOTA_CPS} characters/s per account and region) its free text alone takes ${minutes.toFixed(0)} min: ` +
        `${((DEFAULT_QUOTA_CPS * 3600 * (bytes / usage.characters)) / MiB).toFixed(0)} MiB of such input per hour`,
    );
  } finally {
    await harness.stop();
  }
}

async function rulesOnly(format: Format, text: string): Promise<void> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
  }
  const start = process.hrtime.bigint();
  await processStream(
    format,
    chunks(),
    { write: async () => undefined },
    {
      deidentifier: new Deidentifier(undefined, { referenceYear: 2025 }),
      tally: new Tally(),
    },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  console.log(`rules only, ${format}: ${mbps(Buffer.byteLength(text), ms)}`);
}

export async function benchDeid(): Promise<void> {
  const report = await measureRecall();
  console.log(`recall per identifier type, ${report.files} corpus files (${(report.bytes / 1024).toFixed(0)} KiB):`);
  for (const [type, r] of Object.entries(report.byType)) {
    const how = (MODEL_TYPES as readonly string[]).includes(type) ? 'model (the local double) + rules' : 'rules';
    console.log(`  ${type.padEnd(12)} ${r!.recall.toFixed(4)}  (${r!.found}/${r!.labelled}, ${how})`);
  }
  console.log(`  values left verbatim in outputs: ${report.leaks.length}`);

  const notes = syntheticNotes(48 * MiB);
  const csv = syntheticCsv(16 * MiB);
  await endToEnd('bench/notes.txt', notes);
  await endToEnd('bench/extract.csv', csv);
  await rulesOnly('text', notes);
  await rulesOnly('csv', csv);
}

if (require.main === module) void benchDeid();
