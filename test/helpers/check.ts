import { spawnSync } from 'node:child_process';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCheckResult, type CheckResult } from '../../lib/cli/check/build';
import { statefulChanges } from '../../lib/cli/check/guard';
import { loadBaseline, loadInputs } from '../../lib/cli/check/load-templates';
import { defaultTemplateJson } from './assembly';
import { DEFAULT_ASSEMBLY, ROOT } from './paths';
import { tempDir as makeTempDir } from './temp';

/** Runs the CLI (`node bin/hipaa-baseline.js …`) in `cwd`. */
export function cli(args: readonly string[], cwd = ROOT) {
  return spawnSync(process.execPath, [join(ROOT, 'bin', 'hipaa-baseline.js'), ...args], { encoding: 'utf8', cwd });
}

/** A fresh temporary directory, removed after the test file. */
export function tempDir(prefix = 'check-test-'): string {
  return makeTempDir(prefix);
}

/**
 * A copy of the default assembly (manifest and templates) with its templates changed by `mutate`
 * (templates by stack id, deep copies).
 */
export function changedAssembly(mutate: (templates: Record<string, any>) => void = () => undefined): string {
  const dir = tempDir('check-assembly-');
  copyFileSync(join(DEFAULT_ASSEMBLY, 'manifest.json'), join(dir, 'manifest.json'));
  const templates: Record<string, any> = {};
  for (const file of readdirSync(DEFAULT_ASSEMBLY).filter((name) => name.endsWith('.template.json'))) {
    const stack = file.replace('.template.json', '');
    templates[stack] = structuredClone(defaultTemplateJson(stack));
  }
  mutate(templates);
  for (const [stack, template] of Object.entries(templates)) {
    writeFileSync(join(dir, `${stack}.template.json`), JSON.stringify(template, null, 1));
  }
  return dir;
}

/** `check` in process over paths (and a baseline directory), as the command builds it. */
export function checkPaths(paths: readonly string[], baselineDir?: string): CheckResult {
  const current = loadInputs(paths);
  const baseline = baselineDir ? { templates: loadBaseline(baselineDir).templates, statefulChanges } : undefined;
  return buildCheckResult(
    current,
    baseline,
    current.every((template) => template.stack !== undefined),
  );
}

/** The findings as `rule logicalId` strings, for compact assertions. */
export function ruleAndResource(result: CheckResult): string[] {
  return result.findings.map((finding) => `${finding.rule} ${finding.logicalId}`);
}

/** The logical id of the resource at a construct path (`aws:cdk:path` Metadata) in a template. */
export function idAt(template: any, path: string): string {
  const found = Object.entries(template.Resources).find(
    ([, resource]: [string, any]) => resource.Metadata?.['aws:cdk:path'] === path,
  );
  if (!found) throw new Error(`no resource at ${path}`);
  return found[0];
}

/** Renames a resource and every reference to it (Ref, GetAtt, DependsOn…) in a template. */
export function renameResource(template: any, from: string, to: string): any {
  return JSON.parse(JSON.stringify(template).replace(new RegExp(`\\b${from}\\b`, 'g'), to));
}

/**
 * Removes a resource from a template and replaces every Ref / Fn::GetAtt of it elsewhere with a literal,
 * as if the resource had moved to another stack: the template stays loadable.
 */
export function removeResource(template: any, id: string): void {
  delete template.Resources[id];
  const replace = (node: any): any => {
    if (Array.isArray(node)) return node.map(replace);
    if (node && typeof node === 'object') {
      if (node.Ref === id) return `external-${id}`;
      const getAtt = node['Fn::GetAtt'];
      if (Array.isArray(getAtt) && getAtt[0] === id) return `arn:aws:kms:us-east-1:111122223333:key/external-${id}`;
      return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, replace(value)]));
    }
    return node;
  };
  template.Resources = replace(template.Resources);
}
