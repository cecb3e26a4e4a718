import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UsageError } from '../usage-error';
import type { ControlMap, LiveStatus } from './model';
import { renderHtml } from './render-html';
import { renderMarkdown } from './render-md';

/** The evidence a control map can show: the evidence.json contract, in part. */
export interface LiveEvidenceInput {
  readonly generatedAt: string;
  readonly scope: { readonly region: string; readonly aggregator?: string; readonly conformancePack?: string };
  readonly rules: readonly {
    readonly name: string;
    readonly compliance: string;
    readonly controls: readonly string[];
  }[];
  readonly controls: readonly { readonly id: string; readonly status: string; readonly rules: readonly string[] }[];
  readonly errors: readonly { readonly rule: string }[];
}

/** Joins evidence to a control map: each citation's live status and its NON_COMPLIANT rules. */
export function liveStatus(evidence: LiveEvidenceInput): LiveStatus {
  const compliance = new Map(evidence.rules.map((rule) => [rule.name, rule.compliance]));
  const scope = evidence.scope.aggregator
    ? `aggregator ${evidence.scope.aggregator}`
    : evidence.scope.conformancePack
      ? `conformance pack ${evidence.scope.conformancePack} in ${evidence.scope.region}`
      : evidence.scope.region;
  return {
    generatedAt: evidence.generatedAt,
    scope,
    byCitation: Object.fromEntries(
      evidence.controls.map((control) => [
        control.id,
        {
          status: control.status,
          nonCompliantRules: control.rules.filter((rule) => compliance.get(rule) === 'NON_COMPLIANT'),
        },
      ]),
    ),
    errors: evidence.errors.map((error) => error.rule),
  };
}

/**
 * Reads the control map written by `hipaa-baseline control-map` in a directory (its control-map.json).
 * Bad input (missing directory or file, not a control map) throws UsageError naming the file.
 */
export function readControlMap(dir: string): ControlMap {
  const file = join(dir, 'control-map.json');
  if (!existsSync(file))
    throw new UsageError(`--control-map ${dir}: no control-map.json (run hipaa-baseline control-map first)`);
  let map: ControlMap;
  try {
    map = JSON.parse(readFileSync(file, 'utf8')) as ControlMap;
  } catch (error) {
    throw new UsageError(`--control-map ${dir}: control-map.json is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(map?.controls) || !map.controls.every((c) => typeof c?.citation === 'string') || !map.summary) {
    throw new UsageError(`--control-map ${dir}: control-map.json is not a hipaa-baseline control map`);
  }
  return map;
}

/** The control map's Markdown and HTML (and JSON) rewritten with live status, by file name. */
export function renderWithLiveStatus(map: ControlMap, evidence: LiveEvidenceInput): Map<string, string> {
  const withLive: ControlMap = { ...map, live: liveStatus(evidence) };
  return new Map([
    ['control-map.md', renderMarkdown(withLive)],
    ['control-map.html', renderHtml(withLive)],
    ['control-map.json', `${JSON.stringify(withLive, null, 2)}\n`],
  ]);
}
