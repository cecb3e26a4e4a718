/**
 * Recall per identifier type on the committed synthetic corpus, end to end: the real handler with the S3
 * and Comprehend Medical doubles. Rule-based types must reach 0.99; names and addresses are found by the
 * model (here the double), so their figure checks the plumbing (offsets, chunks), not Comprehend Medical.
 */
import { MODEL_TYPES, RULE_BASED_TYPES } from '../../../lib/functions/deidentify/identifiers';
import { measureRecall, type RecallReport } from './recall';

let report: RecallReport;
beforeAll(async () => {
  report = await measureRecall();
});

/** `TYPE recall (found/labelled)` of the types below the threshold. */
const below = (r: RecallReport, types: readonly string[], threshold: number) =>
  types
    .map((type) => ({ type, t: r.byType[type as keyof RecallReport['byType']] }))
    .filter(({ t }) => !t || t.recall < threshold)
    .map(({ type, t }) => `${type} ${t ? `${t.recall.toFixed(4)} (${t.found}/${t.labelled})` : 'not labelled'}`);

test('every rule-based identifier type is labelled at least 40 times and found with recall ≥ 0.99', () => {
  expect(RULE_BASED_TYPES.filter((type) => (report.byType[type]?.labelled ?? 0) < 40)).toEqual([]);
  expect(below(report, RULE_BASED_TYPES, 0.99)).toEqual([]);
});

test('names and addresses found through the model keep their places (offsets, batches) with recall ≥ 0.99', () => {
  expect(below(report, MODEL_TYPES, 0.99)).toEqual([]);
});

test('no labelled value survives verbatim in any output', () => {
  expect(report.leaks).toEqual([]);
});

test('the same recall when every Comprehend Medical request is small (many requests, long lines cut)', async () => {
  const small = await measureRecall({ modelRequestBytes: 300 });
  const figures = (r: RecallReport) => Object.fromEntries(Object.entries(r.byType).map(([t, v]) => [t, v!.found]));
  expect(figures(small)).toEqual(figures(report));
});
