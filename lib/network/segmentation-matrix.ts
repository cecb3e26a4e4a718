import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseSegmentation } from './analysis/reachability';
import { NONE, renderTraffic, tIsEmpty, tUnion, type Traffic } from './analysis/traffic';
import { INTERNET } from './plan';
import { parseSegmentation, SEGMENTATION_METADATA_KEY } from './segmentation-metadata';

/** File in the cloud assembly directory holding the computed matrix (for the control map and auditors). */
export const SEGMENTATION_MATRIX_FILE = 'segmentation-matrix.json';

/** A synthesized stack as the matrix needs it. */
export interface SynthesizedTemplate {
  readonly stackId: string;
  readonly templateFile: string;
  readonly template: { Resources?: Record<string, any>; Metadata?: Record<string, unknown> };
}

export interface SegmentationMatrixJson {
  readonly description: string;
  readonly stack: string;
  readonly template: string;
  /** Environments, then `internet`: rows open connections, columns accept them. */
  readonly nodes: string[];
  /** Environment × environment: what the template lets a row reach in a column ("none" when nothing). */
  readonly matrix: Record<string, Record<string, string>>;
  /** Every reachable tier-to-tier path, with the part the declaration does not cover. */
  readonly paths: { from: string; to: string; traffic: string; undeclared: string }[];
  /** Resources creating undeclared paths (empty when synth passed). */
  readonly findings: { resource: string; message: string }[];
}

const envOf = (node: string) => node.split('/')[0];

/** Computes the matrix of the template that declares the segmentation, if any. */
export function buildSegmentationMatrix(templates: readonly SynthesizedTemplate[]): SegmentationMatrixJson | undefined {
  const stack = templates.find((t) => t.template.Metadata?.[SEGMENTATION_METADATA_KEY] !== undefined);
  if (!stack) return undefined;
  const declaration = parseSegmentation(stack.template.Metadata![SEGMENTATION_METADATA_KEY]);
  const analysis = analyseSegmentation(new Map(Object.entries(stack.template.Resources ?? {})), declaration);
  const nodes = [...declaration.environments.map((env) => env.name), INTERNET];
  const cells = new Map<string, Traffic>();
  for (const path of analysis.paths) {
    const key = `${envOf(path.from)}|${envOf(path.to)}`;
    cells.set(key, tUnion(cells.get(key) ?? NONE, path.traffic));
  }
  const matrix = Object.fromEntries(
    nodes.map((from) => [
      from,
      Object.fromEntries(
        nodes.map((to) => {
          const traffic = cells.get(`${from}|${to}`) ?? NONE;
          return [to, tIsEmpty(traffic) ? 'none' : renderTraffic(traffic)];
        }),
      ),
    ]),
  );
  return {
    description:
      'Reachability computed from the synthesized template (routes, transit gateway route tables, peering, network ACLs, security groups). Rows open connections; columns accept them.',
    stack: stack.stackId,
    template: stack.templateFile,
    nodes,
    matrix,
    paths: analysis.paths.map((path) => ({
      from: path.from,
      to: path.to,
      traffic: renderTraffic(path.traffic),
      undeclared: tIsEmpty(path.undeclared) ? '' : renderTraffic(path.undeclared),
    })),
    findings: analysis.findings.map((f) => ({ resource: f.resource, message: f.message })),
  };
}

/** Writes segmentation-matrix.json into the assembly directory (atomically); returns its path. */
export function writeSegmentationMatrix(
  directory: string,
  templates: readonly SynthesizedTemplate[],
): string | undefined {
  const matrix = buildSegmentationMatrix(templates);
  if (!matrix) return undefined;
  const file = join(directory, SEGMENTATION_MATRIX_FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(matrix, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
  return file;
}
