/**
 * The handler end to end against the local doubles: de-identification with manifest, idempotency,
 * versions, quarantine of malformed and unsupported input (with an alert, nothing in the de-identified
 * zone), throttling and faults, large objects as multipart uploads, and the messages it ignores.
 */
import { MAX_ATTEMPTS } from '../../../lib/functions/deidentify/clients';
import { END_RESERVE_MS } from '../../../lib/functions/deidentify/handler';
import { RULE_SET_VERSION } from '../../../lib/functions/deidentify/identifiers';
import { EVENT_SOURCE, QUARANTINE_DETAIL_TYPE } from '../../../lib/functions/deidentify/layout';
import { PART_BYTES } from '../../../lib/functions/deidentify/storage';
import { DEIDENTIFIED, Harness, objectCreated, RAW, settingsEnv } from './harness';

const NOTE = [
  'Patient: Maria Lopez    DOB: 03/14/1962    MRN: 00482913',
  'Maria is a 92-year-old teacher seen on March 3, 2025 at 12 Main St, Boston, MA 02139.',
  'SSN 912-44-1234; call (617) 555-0123. BP 128/82, A1c 7.2% on metformin 500 mg.',
  '',
].join('\n');

let h: Harness;
beforeEach(async () => {
  h = await new Harness().start();
});
afterEach(() => h.stop());

/** Every value of the note that must not reach the de-identified zone. */
const NOTE_VALUES = [
  'Maria',
  'Lopez',
  '03/14',
  '00482913',
  '92-year',
  'March 3',
  'Main St',
  'Boston',
  '02139',
  '912-44',
  '555-0123',
];

describe('de-identification', () => {
  test('a note becomes a de-identified output and a manifest of types and counts, never values', async () => {
    const version = h.put('clinic/notes/visit-0001.txt', NOTE, 'text/plain');
    const { response, results } = await h.invoke([objectCreated('clinic/notes/visit-0001.txt')]);

    expect(response).toEqual({ batchItemFailures: [] });
    expect(results[0]).toMatchObject({ status: 'deidentified', outputKey: 'records/clinic/notes/visit-0001.txt' });
    expect(h.output('records/clinic/notes/visit-0001.txt')).toBe(
      [
        'Patient: [NAME]    DOB: 1962    MRN: [MRN]',
        '[NAME] is a 90+-year-old teacher seen on 2025 at [ADDRESS], [ADDRESS], MA 021**.',
        'SSN [SSN]; call [PHONE]. BP 128/82, A1c 7.2% on metformin 500 mg.',
        '',
      ].join('\n'),
    );
    const manifest = h.manifest('clinic/notes/visit-0001.txt');
    expect(manifest).toMatchObject({
      ruleSetVersion: RULE_SET_VERSION,
      referenceYear: 2025,
      source: { bucket: RAW, key: 'clinic/notes/visit-0001.txt', versionId: version.versionId, etag: version.etag },
      output: { bucket: DEIDENTIFIED, key: 'records/clinic/notes/visit-0001.txt' },
      format: 'text',
      units: 3,
      identifiers: {
        total: 11,
        byType: { NAME: 2, DATE: 2, MRN: 1, AGE: 1, ADDRESS: 2, ZIP: 1, SSN: 1, PHONE: 1 },
      },
      comprehendMedical: { region: 'us-east-1', requests: 1, modelVersion: '0.1.0-double' },
    });
    const manifestText = h.output('manifests/clinic/notes/visit-0001.txt.manifest.json')!;
    for (const value of NOTE_VALUES) expect(manifestText).not.toContain(value);
    for (const value of NOTE_VALUES) expect(JSON.stringify(h.logs)).not.toContain(value);
    const output = h.storage.current(DEIDENTIFIED, 'records/clinic/notes/visit-0001.txt')!;
    expect(output.metadata).toEqual({
      'source-etag': version.etag,
      'source-version-id': version.versionId,
      'rule-set-version': RULE_SET_VERSION,
    });
    expect(h.storage.events).toEqual([]);
  });

  test('a second delivery of the same version does nothing: no model call, no new version', async () => {
    h.put('n.txt', NOTE);
    await h.invoke([objectCreated('n.txt')]);
    const calls = h.comprehend.calls('DetectPHI').length;
    const versions = h.storage.buckets.get(DEIDENTIFIED)!.get('records/n.txt')!.length;

    const { response, results } = await h.invoke([objectCreated('n.txt')]);

    expect(response.batchItemFailures).toEqual([]);
    expect(results[0]).toMatchObject({ status: 'already-done', outputKey: 'records/n.txt' });
    expect(h.comprehend.calls('DetectPHI')).toHaveLength(calls);
    expect(h.storage.buckets.get(DEIDENTIFIED)!.get('records/n.txt')).toHaveLength(versions);
  });

  test('a new version is de-identified again; the event of the old one is superseded', async () => {
    const first = h.put('n.txt', NOTE);
    await h.invoke([objectCreated('n.txt', { versionId: first.versionId })]);
    const second = h.put('n.txt', 'SSN 912-44-9999\n');

    const { results } = await h.invoke([
      objectCreated('n.txt', { versionId: first.versionId }),
      objectCreated('n.txt', { versionId: second.versionId }),
    ]);

    expect(results.map((r) => r.status)).toEqual(['superseded', 'deidentified']);
    expect(h.output('records/n.txt')).toBe('SSN [SSN]\n');
    expect(h.manifest('n.txt').source.versionId).toBe(second.versionId);
  });

  test('CSV columns by header; a URL-encoded event key is decoded', async () => {
    h.put(
      'extracts/q1 extract.csv',
      'name,dob,zip,state,note\r\nMaria Lopez,1931-02-02,03601,NH,"Seen by Dr. Okafor"\r\n',
    );
    const { results } = await h.invoke([objectCreated('extracts/q1+extract.csv')]);

    expect(results[0]).toMatchObject({ status: 'deidentified', key: 'extracts/q1 extract.csv' });
    expect(h.output('records/extracts/q1 extract.csv')).toBe(
      'name,dob,zip,state,note\r\n[NAME],[DATE],000**,NH,Seen by Dr. [NAME]\r\n',
    );
    expect(h.manifest('extracts/q1 extract.csv')).toMatchObject({
      format: 'csv',
      units: 1,
      columns: { NAME: 1, DATE: 1, ZIP: 1, KEEP: 1, TEXT: 1 },
      identifiers: { byMethod: { field: 3, model: 1, rule: 0 } },
    });
  });

  test('requests to Comprehend Medical stay under 20,000 bytes, also for a single long line', async () => {
    const line = Array.from({ length: 3000 }, (_, i) => `word${i} Maria Lopez`).join(' ');
    h.put('long.txt', `${line}\n`);
    const { results } = await h.invoke([objectCreated('long.txt')]);

    expect(results[0].status).toBe('deidentified');
    expect(h.comprehend.texts.length).toBeGreaterThan(2);
    for (const text of h.comprehend.texts) expect(Buffer.byteLength(text)).toBeLessThan(20_000);
    expect(h.output('records/long.txt')).not.toMatch(/Maria|Lopez/);
    // 3,000 names, one of them perhaps cut in two at a request boundary (both halves are replaced).
    expect(h.manifest('long.txt').identifiers.byType.NAME).toBeGreaterThanOrEqual(3000);
  });
});

describe('objects that cannot be de-identified go to quarantine with an alert, never to the de-identified zone', () => {
  test.each([
    ['malformed JSON', 'r/patient.json', '{"name": "Maria Lopez", "ssn": }', 'malformed-json'],
    ['malformed CSV', 'r/extract.csv', 'name,ssn\nMaria Lopez,912-44-1234\n"Li Wei,912-44-5678\n', 'malformed-csv'],
    ['a CSV record with too few fields', 'r/extract.csv', 'name,ssn\nMaria Lopez\n', 'malformed-csv'],
    ['invalid UTF-8', 'r/note.txt', Buffer.from([0x4d, 0x61, 0xc3, 0x28]), 'not-utf8'],
    ['binary content', 'r/note.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), 'binary-content'],
    ['an unsupported format', 'r/scan.pdf', '%PDF-1.7', 'unsupported-format'],
  ])('%s', async (_name, key, body, reason) => {
    const version = h.put(key, body);
    const { response, results } = await h.invoke([objectCreated(key)]);

    expect(response.batchItemFailures).toEqual([]);
    expect(results[0]).toMatchObject({ status: 'quarantined', reason, key });
    expect(h.storage.keys(DEIDENTIFIED)).toEqual([]);
    expect(h.storage.uploads.size).toBe(0);
    const copy = h.storage.current(RAW, `quarantine/${key}`)!;
    expect(copy.body).toEqual(version.body);
    expect(copy.metadata).toMatchObject({ 'quarantine-reason': reason, 'source-version-id': version.versionId });
    expect(h.storage.events).toHaveLength(1);
    const event = h.storage.events[0];
    expect(event).toMatchObject({ Source: EVENT_SOURCE, DetailType: QUARANTINE_DETAIL_TYPE });
    expect(JSON.parse(event.Detail)).toMatchObject({
      bucket: RAW,
      key,
      quarantineKey: `quarantine/${key}`,
      versionId: version.versionId,
      reason,
      attempt: 1,
    });
    for (const value of ['Maria', 'Lopez', '912-44']) {
      expect(event.Detail).not.toContain(value);
      expect(JSON.stringify(h.logs)).not.toContain(value);
    }
  });

  test('an object larger than MAX_OBJECT_BYTES is quarantined without being read', async () => {
    h.put('big.txt', 'x'.repeat(2048));
    const { results } = await h.invoke([objectCreated('big.txt')], settingsEnv({ MAX_OBJECT_BYTES: '1024' }));

    expect(results[0]).toMatchObject({
      status: 'quarantined',
      reason: 'too-large',
      detail: '2048 bytes; the limit is 1024',
    });
    expect(h.storage.calls('GetObject')).toEqual([]);
  });

  test('a key holding identifiers is quarantined, and the key is withheld from the alert and the log', async () => {
    h.put('notes/912-44-1234 visit.txt', 'fine text\n');
    const { results } = await h.invoke([objectCreated('notes/912-44-1234 visit.txt')]);

    expect(results[0]).toMatchObject({
      status: 'quarantined',
      reason: 'identifiers-in-key',
      detail: 'identifier types in the key: SSN',
    });
    expect(h.storage.current(RAW, 'quarantine/notes/912-44-1234 visit.txt')).toBeDefined();
    expect(h.storage.events[0].Detail).not.toContain('912-44-1234');
    expect(JSON.stringify(h.logs)).not.toContain('912-44-1234');
    expect(h.storage.keys(DEIDENTIFIED)).toEqual([]);
  });

  test('a large object that turns out malformed after several parts leaves no output: the upload is aborted', async () => {
    const row = 'Maria Lopez,912-44-1234,some free text about the visit\n';
    const rows = Math.ceil((2.5 * PART_BYTES) / row.length);
    h.put('huge.csv', `name,ssn,note\n${row.repeat(rows)}Li Wei,"unterminated\n`);
    const { results } = await h.invoke([objectCreated('huge.csv')]);

    expect(results[0]).toMatchObject({ status: 'quarantined', reason: 'malformed-csv' });
    expect(h.storage.calls('UploadPart').length).toBeGreaterThanOrEqual(1);
    expect(h.storage.aborted).toHaveLength(1);
    expect(h.storage.completed).toEqual([]);
    expect(h.storage.keys(DEIDENTIFIED)).toEqual([]);
  });

  test('Comprehend Medical refusing the text quarantines the object', async () => {
    h.comprehend.fail('DetectPHI', 'InvalidEncodingException', { times: 1 });
    h.put('n.txt', NOTE);
    const { results } = await h.invoke([objectCreated('n.txt')]);

    expect(results[0]).toMatchObject({ status: 'quarantined', reason: 'model-rejected' });
    expect(h.storage.keys(DEIDENTIFIED)).toEqual([]);
  });
});

describe('throttling and faults', () => {
  test('throttled DetectPHI calls are retried and the object is de-identified', async () => {
    h.comprehend.fail('DetectPHI', 'ThrottlingException', { times: 3 });
    h.put('n.txt', NOTE);
    const { response, results } = await h.invoke([objectCreated('n.txt')]);

    expect(response.batchItemFailures).toEqual([]);
    expect(results[0].status).toBe('deidentified');
    expect(h.comprehend.calls('DetectPHI')).toHaveLength(4);
    expect(h.output('records/n.txt')).toContain('[NAME]');
  });

  test('requests keep to the instance’s share of the Comprehend Medical character quota', async () => {
    const small = await new Harness({ modelRequestBytes: 1_000 }).start();
    try {
      small.put('n.txt', 'Maria Lopez was seen today for review of her medication.\n'.repeat(50)); // 2,850 characters
      const start = Date.now();
      const { results } = await small.invoke(
        [objectCreated('n.txt')],
        settingsEnv({ MODEL_CHARACTERS_PER_SECOND: '1000' }),
      );
      expect(results[0].status).toBe('deidentified');
      expect(small.comprehend.texts.length).toBeGreaterThanOrEqual(3);
      // The first second's budget is spent at once; the other ~1,850 characters wait for it to refill.
      expect(Date.now() - start).toBeGreaterThanOrEqual(1_700);
    } finally {
      await small.stop();
    }
  });

  test('S3 errors (503 SlowDown, 500) are retried by the client', async () => {
    h.storage.fail('PutObject', 'SlowDown', { times: 2, status: 503 });
    h.storage.fail('GetObject', 'InternalError', { times: 1, status: 500 });
    h.put('n.txt', NOTE);
    const { results } = await h.invoke([objectCreated('n.txt')]);

    expect(results[0].status).toBe('deidentified');
    expect(h.manifest('n.txt')).toBeDefined();
  });

  test('throttling beyond the retries hands the message back to the queue, with nothing written', async () => {
    h.comprehend.fail('DetectPHI', 'ThrottlingException');
    h.put('n.txt', NOTE);
    const record = objectCreated('n.txt', { attempt: 1 });
    const { response, results } = await h.invoke([record]);

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(results[0]).toMatchObject({ status: 'retry', error: expect.stringMatching(/^ThrottlingException: /) });
    expect(h.comprehend.calls('DetectPHI')).toHaveLength(MAX_ATTEMPTS);
    expect(h.storage.keys(DEIDENTIFIED)).toEqual([]);
    expect(h.storage.keys(RAW)).toEqual(['n.txt']);
    expect(h.storage.events).toEqual([]);
  });

  test('on the last delivery a failing object is quarantined instead of left to the dead-letter queue', async () => {
    h.comprehend.fail('DetectPHI', 'InternalServerException', { status: 500 });
    h.put('n.txt', NOTE);
    const { response, results } = await h.invoke([objectCreated('n.txt', { attempt: 3 })]);

    expect(response.batchItemFailures).toEqual([]);
    expect(results[0]).toMatchObject({ status: 'quarantined', reason: 'retries-exhausted', attempt: 3 });
    expect(JSON.parse(h.storage.events[0].Detail)).toMatchObject({ reason: 'retries-exhausted', attempt: 3 });
  });

  test('when the alert cannot be sent the message goes back to the queue; the next delivery completes it', async () => {
    h.storage.fail('PutEvents', 'InternalException', { status: 500 });
    h.put('bad.json', '{');
    const record = objectCreated('bad.json');
    const first = await h.invoke([record]);
    expect(first.response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(first.results[0].error).toMatch(/^quarantine failed: InternalException/);

    h.storage.clearFaultsAndRequests();
    const second = await h.invoke([objectCreated('bad.json', { attempt: 2 })]);
    expect(second.results[0]).toMatchObject({ status: 'quarantined', reason: 'malformed-json' });
    expect(h.storage.events).toHaveLength(1);
  });

  test('a missing permission is not transient: retried by the queue, then quarantined on the last delivery', async () => {
    h.storage.fail('PutObject', 'AccessDenied', { status: 403 });
    h.put('n.txt', NOTE);
    const { results } = await h.invoke([objectCreated('n.txt', { attempt: 1 })]);
    expect(results[0]).toMatchObject({
      status: 'retry',
      error: expect.stringMatching(/AccessDenied.*not a transient error/),
    });
    expect(h.storage.calls('PutObject')).toHaveLength(1);
  });

  test('work abandoned when the invocation runs out of time goes back to the queue, the upload aborted', async () => {
    h.comprehend.slow('DetectPHI', 5_000);
    h.put('n.txt', NOTE);
    const context = { getRemainingTimeInMillis: () => END_RESERVE_MS + 1_500 };
    const start = Date.now();
    const { results } = await h.invoke([objectCreated('n.txt')], settingsEnv(), context);

    expect(Date.now() - start).toBeLessThan(4_500);
    expect(results[0]).toMatchObject({ status: 'retry', error: expect.stringMatching(/TimeoutError|AbortError/) });
    expect(h.storage.keys(DEIDENTIFIED)).toEqual([]);
  });

  test('an object deleted before it is read is gone, not an error', async () => {
    h.put('n.txt', NOTE);
    h.storage.remove(RAW, 'n.txt');
    const { results } = await h.invoke([objectCreated('n.txt')]);
    expect(results[0].status).toBe('gone');
  });
});

describe('large objects', () => {
  test('an output above one part is a multipart upload completed only at the end, content intact', async () => {
    const line = 'Seen 03/14/2024 for follow-up; SSN 912-44-1234; café ☕ notes.\n';
    const count = Math.ceil((3 * PART_BYTES) / line.length);
    h.put('big/notes.txt', line.repeat(count));
    const { results } = await h.invoke([objectCreated('big/notes.txt')]);

    expect(results[0].status).toBe('deidentified');
    expect(h.storage.completed).toHaveLength(1);
    // Every part but the last is at least PART_BYTES (the double refuses parts under 5 MiB but the last).
    expect(h.storage.calls('UploadPart').length).toBe(
      Math.ceil(Buffer.byteLength(h.output('records/big/notes.txt')!) / PART_BYTES),
    );
    const output = h.output('records/big/notes.txt')!;
    expect(output).toBe('Seen 2024 for follow-up; SSN [SSN]; café ☕ notes.\n'.repeat(count));
    expect(h.manifest('big/notes.txt').identifiers.byType).toEqual({ DATE: count, SSN: count });
  });
});

describe('messages that are not for the pipeline', () => {
  test('other buckets, other events, quarantined objects and bodies that are not JSON are ignored', async () => {
    const { response, results } = await h.invoke([
      objectCreated('a.txt', { bucket: 'someone-elses-bucket' }),
      objectCreated('a.txt', { change: (e) => (e['detail-type'] = 'Object Deleted') }),
      objectCreated('quarantine/a.txt'),
      { messageId: 'm-x', body: 'not json', attributes: { ApproximateReceiveCount: '1' } },
    ]);
    expect(response.batchItemFailures).toEqual([]);
    expect(results.map((r) => [r.status, r.detail])).toEqual([
      ['ignored', 'bucket someone-elses-bucket is not the raw zone bucket'],
      ['ignored', 'detail-type: must be "Object Created"'],
      ['ignored', 'a quarantined object'],
      ['ignored', 'the message body is not JSON'],
    ]);
    expect(h.storage.received).toEqual([]);
  });

  test('bad settings leave every message to the queue and name each problem', async () => {
    const record = objectCreated('a.txt');
    const { response } = await h.invoke(
      [record],
      settingsEnv({ OUTPUT_BUCKET: undefined, MAX_RECEIVE_COUNT: 'three' }),
    );
    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
    expect(h.logs[0].entry).toMatchObject({
      status: 'misconfigured',
      problems: ['OUTPUT_BUCKET: required', 'MAX_RECEIVE_COUNT: must be a whole number from 1 to 1000'],
    });
  });
});
