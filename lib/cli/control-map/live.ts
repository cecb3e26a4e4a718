import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gdprFromHipaa } from '../../controls/gdpr-catalog';
import { rollUp } from '../evidence/status';
import type { EvidenceStatus } from '../evidence/types';
import { UsageError } from '../usage-error';
import type { AnyControlMap, ControlMap, LiveStatus } from './model';
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
 * GDPR live status: each provision takes the worst status of the rules whose HIPAA citations map to it
 * (this project's own mapping, as in the GDPR map), with those of them that are NON_COMPLIANT.
 */
export function gdprLiveStatus(evidence: LiveEvidenceInput): LiveStatus {
  const byProvision = new Map<string, { statuses: EvidenceStatus[]; nonCompliant: string[] }>();
  for (const rule of evidence.rules) {
    for (const provision of gdprFromHipaa(rule.controls)) {
      const found = byProvision.get(provision) ?? { statuses: [], nonCompliant: [] };
      found.statuses.push(rule.compliance as EvidenceStatus);
      if (rule.compliance === 'NON_COMPLIANT' && !found.nonCompliant.includes(rule.name))
        found.nonCompliant.push(rule.name);
      byProvision.set(provision, found);
    }
  }
  return {
    ...liveStatus(evidence),
    byCitation: Object.fromEntries(
      [...byProvision].map(([provision, found]) => [
        provision,
        { status: rollUp(found.statuses), nonCompliantRules: found.nonCompliant },
      ]),
    ),
  };
}

/** The control maps of a directory: control-map.json (HIPAA) and gdpr-control-map.json, each when present. */
export interface ControlMaps {
  readonly hipaa?: ControlMap;
  readonly gdpr?: AnyControlMap;
}

/**
 * Reads the control maps `hipaa-baseline control-map` wrote in a directory: at least one of control-map.json
 * and gdpr-control-map.json must be there. Bad input throws UsageError naming the file.
 */
export function readControlMaps(dir: string): ControlMaps {
  const gdprFile = join(dir, 'gdpr-control-map.json');
  const hipaa = existsSync(join(dir, 'control-map.json')) || !existsSync(gdprFile) ? readControlMap(dir) : undefined;
  if (!existsSync(gdprFile)) return { hipaa };
  let gdpr: AnyControlMap;
  try {
    gdpr = JSON.parse(readFileSync(gdprFile, 'utf8')) as AnyControlMap;
  } catch (error) {
    throw new UsageError(`--control-map ${dir}: gdpr-control-map.json is not valid JSON (${(error as Error).message})`);
  }
  if (gdpr?.catalog?.framework !== 'gdpr' || !Array.isArray(gdpr.controls) || !gdpr.summary) {
    throw new UsageError(`--control-map ${dir}: gdpr-control-map.json is not a hipaa-baseline GDPR control map`);
  }
  return { hipaa, gdpr };
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

/** Every control map of a directory rewritten with live status (HIPAA and GDPR files), by file name. */
export function renderMapsWithLiveStatus(maps: ControlMaps, evidence: LiveEvidenceInput): Map<string, string> {
  const files = maps.hipaa ? renderWithLiveStatus(maps.hipaa, evidence) : new Map<string, string>();
  if (maps.gdpr) {
    const withLive: AnyControlMap = { ...maps.gdpr, live: gdprLiveStatus(evidence) };
    files.set('gdpr-control-map.md', renderMarkdown(withLive));
    files.set('gdpr-control-map.html', renderHtml(withLive));
    files.set('gdpr-control-map.json', `${JSON.stringify(withLive, null, 2)}\n`);
  }
  return files;
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
