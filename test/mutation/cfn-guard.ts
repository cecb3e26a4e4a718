// cfn-guard with the AWS Control Tower proactive-control rules bundled in @cdklabs/cdk-validator-cfnguard, run
// directly on template files (the package's own binary and rule files), for `npm run bench gate`.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { GUARD } from '../helpers/guard';
import { resourceReferences, type Template } from './edit';

/** The Control Tower rule files shipped with the package. */
export const CONTROL_TOWER_RULES = join(
  require.resolve('@cdklabs/cdk-validator-cfnguard/package.json'),
  '..',
  'rules',
  'control-tower',
  'cfn-guard',
);

/** Failed checks of one data file: `rule logicalId` (the resource the failing clause reached). */
export type GuardFindings = Map<string, Set<string>>;

/** Runs cfn-guard once over data files or directories; resolves to the findings by data file path. */
export function runGuard(data: readonly string[]): Promise<GuardFindings> {
  const args = [
    'validate',
    '--rules',
    CONTROL_TOWER_RULES,
    ...data.flatMap((path) => ['--data', path]),
    '--output-format',
    'json',
    '--show-summary',
    'none',
    '--structured',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(GUARD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk));
    child.on('error', reject);
    child.on('close', (status) => {
      // 0: every check passed; 19 (and 5): some failed. Anything else is a failure of the run itself.
      if (status !== 0 && status !== 5 && status !== 19) {
        reject(new Error(`cfn-guard exited ${status}: ${err.slice(0, 2000)}`));
        return;
      }
      try {
        resolve(parseGuardOutput(Buffer.concat(out).toString('utf8')));
      } catch (error) {
        reject(error);
      }
    });
  });
}

/** Reads cfn-guard's structured JSON: per data file, each non-compliant rule and the resources it reached. */
export function parseGuardOutput(text: string): GuardFindings {
  const findings: GuardFindings = new Map();
  const results = text.trim() === '' ? [] : (JSON.parse(text) as any[]);
  for (const result of results) {
    const found = new Set<string>();
    for (const failure of result.not_compliant ?? []) {
      const rule: string = failure.Rule?.name ?? Object.values(failure as object)[0]?.name ?? 'unnamed';
      const ids = new Set<string>();
      JSON.stringify(failure, (key, value) => {
        const match = key === 'path' && typeof value === 'string' ? /^\/Resources\/([^/]+)/.exec(value) : null;
        if (match) ids.add(match[1]);
        return value;
      });
      for (const id of ids.size > 0 ? ids : ['(template)']) found.add(`${rule} ${id}`);
    }
    findings.set(result.name, found);
  }
  return findings;
}

/**
 * The resources cfn-guard must see to judge a mutant as it would judge the whole template: those the mutant
 * changed, added or removed, those that reference them (a rule on a resource may follow its Ref to them), and
 * what all of these reference (the rules resolve Ref/GetAtt inside the template). The Control Tower rules are
 * per-resource checks (CloudFormation hooks), so nothing further away can change their verdict; the bench
 * compares this with whole-template runs on a sample.
 */
export function neighbourhood(clean: Template, mutant: Template): Set<string> {
  const ids = new Set([...Object.keys(clean.Resources), ...Object.keys(mutant.Resources)]);
  const seeds = [...ids].filter((id) => JSON.stringify(clean.Resources[id]) !== JSON.stringify(mutant.Resources[id]));
  const scope = new Set(seeds);
  for (const template of [clean, mutant]) {
    for (const [id, resource] of Object.entries(template.Resources)) {
      const references = resourceReferences(resource);
      if (seeds.some((seed) => references.has(seed))) scope.add(id);
    }
  }
  for (const id of [...scope]) {
    for (const template of [clean, mutant]) {
      for (const reference of resourceReferences(template.Resources[id])) {
        if (clean.Resources[reference] || mutant.Resources[reference]) scope.add(reference);
      }
    }
  }
  return scope;
}

/** A template with only the given resources (and the sections their intrinsics may resolve against). */
export function reduced(template: Template, ids: ReadonlySet<string>): Template {
  const sections = Object.fromEntries(
    ['AWSTemplateFormatVersion', 'Parameters', 'Mappings', 'Conditions']
      .filter((section) => template[section] !== undefined)
      .map((section) => [section, template[section]]),
  );
  return {
    ...sections,
    Resources: Object.fromEntries(Object.entries(template.Resources).filter(([id]) => ids.has(id))),
  };
}
