import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigServer } from '../../support/config-server';
import { awsEnv, runCli } from '../../support/evidence-cli';
import { evaluations, managed, REGION } from '../../support/evidence-fixtures';
import { DEFAULT_ASSEMBLY } from '../../helpers/paths';
import { tempDir } from '../../helpers/temp';

const RULES = [
  managed('hipaa-s3-bucket-ssl-requests-only', 'S3_BUCKET_SSL_REQUESTS_ONLY', evaluations(20, 3)),
  managed('hipaa-cloudtrail-enabled', 'CLOUD_TRAIL_ENABLED', evaluations(1, 0)),
];

/** A control map of the default assembly, written by the real CLI. */
async function controlMapDir(framework = 'hipaa'): Promise<string> {
  const dir = join(tempDir('live-map-'), 'map');
  const run = await runCli(['control-map', '--app', DEFAULT_ASSEMBLY, '--out', dir, '--framework', framework], {});
  expect(run.status).toBe(0);
  return dir;
}

describe('hipaa-baseline evidence --control-map (live status in the control map)', () => {
  test('rewrites the control map’s Markdown, HTML and JSON with each citation’s live status', async () => {
    const map = await controlMapDir();
    const before = readFileSync(join(map, 'control-map.md'), 'utf8');
    expect(before).not.toContain('Live status');
    const server = new ConfigServer({ rules: RULES });
    const url = await server.start();
    const out = tempDir('live-out-');
    try {
      const run = await runCli(
        ['evidence', '--region', REGION, '--out', out, '--control-map', map, '--quiet'],
        awsEnv(url, true),
      );
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    } finally {
      await server.stop();
    }
    const md = readFileSync(join(map, 'control-map.md'), 'utf8');
    expect(md).toContain('## Live status');
    // S3_BUCKET_SSL_REQUESTS_ONLY cites 164.312(e)(1) and is NON_COMPLIANT there.
    const transmission = md.slice(md.indexOf('### 164.312(e)(1) '), md.indexOf('### 164.312(e)(2)(i) '));
    expect(transmission).toContain(
      '**Live status (AWS Config): NON_COMPLIANT** — NON_COMPLIANT rules: `hipaa-s3-bucket-ssl-requests-only`',
    );
    const training = md.slice(md.indexOf('### 164.308(a)(5)(i) '), md.indexOf('### 164.308(a)(5)(ii)(A) '));
    expect(training).toContain('no rule evaluates this citation');
    const html = readFileSync(join(map, 'control-map.html'), 'utf8');
    expect(html).toContain('live: NON_COMPLIANT');
    expect(html).toContain('id="live-status"');
    const json = JSON.parse(readFileSync(join(map, 'control-map.json'), 'utf8'));
    expect(json.live.byCitation['164.312(e)(1)']).toEqual({
      status: 'NON_COMPLIANT',
      nonCompliantRules: ['hipaa-s3-bucket-ssl-requests-only'],
    });
  });

  test.each(['hipaa,gdpr', 'gdpr'])(
    'with --framework %s, the GDPR map gets each provision’s live status through the mapping',
    async (framework) => {
      const map = await controlMapDir(framework);
      const hipaaBefore = framework === 'gdpr' ? undefined : readFileSync(join(map, 'control-map.md'), 'utf8');
      const server = new ConfigServer({ rules: RULES });
      const url = await server.start();
      try {
        const run = await runCli(
          ['evidence', '--region', REGION, '--out', tempDir('live-out-'), '--control-map', map, '--quiet'],
          awsEnv(url, true),
        );
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
      } finally {
        await server.stop();
      }
      const md = readFileSync(join(map, 'gdpr-control-map.md'), 'utf8');
      expect(md).toContain('## Live status');
      // S3_BUCKET_SSL_REQUESTS_ONLY cites 164.312(e)(1), which this project maps to Art. 5(1)(f) and 32(1)(b).
      const integrity = md.slice(md.indexOf('### Art. 5(1)(f) '), md.indexOf('### Art. 25(1) '));
      expect(integrity).toContain(
        '**Live status (AWS Config): NON_COMPLIANT** — NON_COMPLIANT rules: `hipaa-s3-bucket-ssl-requests-only`',
      );
      const json = JSON.parse(readFileSync(join(map, 'gdpr-control-map.json'), 'utf8'));
      expect(json.live.byCitation['Art. 32(1)(b)'].status).toBe('NON_COMPLIANT');
      expect(json.live.byCitation['Art. 35(7)(d)']).toBeUndefined();
      expect(readFileSync(join(map, 'gdpr-control-map.html'), 'utf8')).toContain('live: NON_COMPLIANT');
      if (hipaaBefore) expect(readFileSync(join(map, 'control-map.md'), 'utf8')).toContain('## Live status');
      else expect(existsSync(join(map, 'control-map.md'))).toBe(false);
    },
  );

  test('a directory without a control map is bad input: exit 2, one line, nothing written, no AWS call', async () => {
    const out = tempDir('live-out-');
    const empty = tempDir('no-map-');
    const run = await runCli(
      ['evidence', '--region', REGION, '--out', out, '--control-map', empty],
      awsEnv(undefined, true),
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      `hipaa-baseline: --control-map ${empty}: no control-map.json (run hipaa-baseline control-map first)`,
    );
  });

  test('a control-map.json that is not a control map is bad input', async () => {
    const dir = tempDir('bad-map-');
    writeFileSync(join(dir, 'control-map.json'), JSON.stringify({ hello: 'world' }));
    const run = await runCli(
      ['evidence', '--region', REGION, '--out', dir, '--control-map', dir],
      awsEnv(undefined, true),
    );
    expect(run.status).toBe(2);
    expect(run.stderr.trim()).toBe(
      `hipaa-baseline: --control-map ${dir}: control-map.json is not a hipaa-baseline control map`,
    );
  });
});
