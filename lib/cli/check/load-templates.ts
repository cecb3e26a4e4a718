import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { UsageError } from '../usage-error';
import { parseCloudFormationYaml } from './cfn-yaml';
import { FOR_EACH_PREFIX, type CfnTemplate, type LoadedTemplate } from './template';

const MANIFEST = 'manifest.json';
/** Template files looked for in a directory that is not a cloud assembly. */
const TEMPLATE_FILE = /\.template(\.json|\.ya?ml)?$/;

const isObject = (value: unknown): value is Record<string, any> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** One line for a JSON syntax error: V8's reason, and the line and column jsonc-parser locates it at. */
function jsonProblem(error: Error, text: string): string {
  const reason = error.message
    .split('\n')[0]
    .replace(/ (in JSON )?at position \d+.*$/, '')
    .replace(/, (\.\.\.)?".*$/, '');
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false });
  if (errors.length === 0) return reason;
  const before = text.slice(0, errors[0].offset);
  return `${reason} at line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}`;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${file}: ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code ?? (error as Error).message})`}`,
    );
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON: ${jsonProblem(error as Error, text)}`);
  }
}

function parseYaml(file: string, text: string): unknown {
  try {
    return parseCloudFormationYaml(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
}

/** Reads and validates one template file (JSON, or YAML with CloudFormation short-form tags). */
export function readTemplate(file: string): CfnTemplate {
  const extension = extname(file).toLowerCase();
  const text = readText(file);
  let document: unknown;
  if (extension === '.json') document = parseJson(file, text);
  else if (extension === '.yaml' || extension === '.yml') document = parseYaml(file, text);
  else if (extension === '.template')
    document = text.trimStart().startsWith('{') ? parseJson(file, text) : parseYaml(file, text);
  else throw new UsageError(`${file}: not a template file (expected .json, .yaml, .yml or .template)`);

  if (!isObject(document) || !isObject(document.Resources)) {
    throw new UsageError(`${file}: not a CloudFormation template (no Resources section)`);
  }
  for (const [logicalId, resource] of Object.entries(document.Resources)) {
    if (logicalId.startsWith(FOR_EACH_PREFIX)) continue;
    if (!isObject(resource) || typeof resource.Type !== 'string') {
      throw new UsageError(`${file}: Resources.${logicalId}: not a resource (no Type)`);
    }
  }
  return document as CfnTemplate;
}

/** Templates of the nested stacks (CDK NestedStack) a template deploys, found through their asset metadata. */
function nestedStacks(parent: LoadedTemplate, dir: string): LoadedTemplate[] {
  return Object.entries(parent.template.Resources).flatMap(([logicalId, resource]) => {
    const asset = resource?.Metadata?.['aws:asset:path'];
    if (resource?.Type !== 'AWS::CloudFormation::Stack' || typeof asset !== 'string') return [];
    const file = join(dir, asset);
    if (!existsSync(file))
      throw new UsageError(`${parent.file}: nested stack ${logicalId}: template ${file} not found`);
    const name = `${parent.name}/${logicalId}`;
    const nested: LoadedTemplate = { name, file, stack: name, template: readTemplate(file) };
    return [nested, ...nestedStacks(nested, dir)];
  });
}

/** The file assets of a cloud assembly's asset manifests: path in the assembly directory, by asset hash. */
function fileAssets(dir: string, artifacts: Record<string, any>): Map<string, string> {
  const assets = new Map<string, string>();
  for (const artifact of Object.values(artifacts)) {
    const file = artifact?.properties?.file;
    if (artifact?.type !== 'cdk:asset-manifest' || typeof file !== 'string') continue;
    const manifest = parseJson(join(dir, file), readText(join(dir, file)));
    const files = isObject(manifest) && isObject(manifest.files) ? manifest.files : {};
    for (const [hash, asset] of Object.entries(files)) {
      if (typeof asset?.source?.path === 'string') assets.set(hash, asset.source.path);
    }
  }
  return assets;
}

/**
 * Templates of the StackSets a template deploys (the member baseline of organisation mode): an inline
 * TemplateBody, or a TemplateURL naming a file asset of the assembly. Not stacks of the assembly, yet
 * deployed to every member account: check judges them, and the guard compares them with the baseline's.
 * A StackSet whose template the assembly does not hold cannot be judged: that is an error, never a pass.
 */
function stackSetTemplates(parent: LoadedTemplate, dir: string, assets: () => Map<string, string>): LoadedTemplate[] {
  return Object.entries(parent.template.Resources).flatMap(([logicalId, resource]) => {
    if (resource?.Type !== 'AWS::CloudFormation::StackSet') return [];
    const where = `${parent.file}: StackSet ${logicalId}`;
    const name = `${parent.name}/${logicalId}`;
    const body = resource.Properties?.TemplateBody;
    if (body !== undefined) {
      const template = isObject(body) ? body : typeof body === 'string' ? parseYaml(where, body) : undefined;
      if (!isObject(template) || !isObject(template.Resources))
        throw new UsageError(`${where}: TemplateBody is not a CloudFormation template`);
      // Where in the parent the template is written (a file of its own for output and de-duplication).
      const file = `${parent.file}#/Resources/${logicalId}/Properties/TemplateBody`;
      return [{ name, file, stack: name, template: template as CfnTemplate }];
    }
    const url = JSON.stringify(resource.Properties?.TemplateURL ?? null);
    const hash = [...assets().keys()].find((candidate) => url.includes(candidate));
    if (!hash) throw new UsageError(`${where}: its template is no file asset of the assembly (TemplateURL ${url})`);
    const file = join(dir, assets().get(hash)!);
    return [{ name, file, stack: name, template: readTemplate(file) }];
  });
}

/** The stack templates of a cloud assembly, nested assemblies (stages), nested stacks and StackSets included. */
function loadAssembly(dir: string): LoadedTemplate[] {
  const manifestFile = join(dir, MANIFEST);
  const manifest = parseJson(manifestFile, readText(manifestFile));
  if (!isObject(manifest) || !isObject(manifest.artifacts)) {
    throw new UsageError(`${manifestFile}: not a cloud assembly manifest (no artifacts)`);
  }
  // Read only when a StackSet needs them (an assembly's copy may hold just its manifest and templates).
  let assetPaths: Map<string, string> | undefined;
  const assets = () => (assetPaths ??= fileAssets(dir, manifest.artifacts));
  const templates: LoadedTemplate[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts)) {
    if (artifact?.type === 'aws:cloudformation:stack') {
      const templateFile = artifact.properties?.templateFile;
      if (typeof templateFile !== 'string')
        throw new UsageError(`${manifestFile}: artifact ${id} names no templateFile`);
      const name = typeof artifact.displayName === 'string' ? artifact.displayName : id;
      const file = join(dir, templateFile);
      const stack: LoadedTemplate = { name, file, stack: name, template: readTemplate(file) };
      templates.push(stack, ...nestedStacks(stack, dir), ...stackSetTemplates(stack, dir, assets));
    } else if (artifact?.type === 'cdk:cloud-assembly' && typeof artifact.properties?.directoryName === 'string') {
      templates.push(...loadAssembly(join(dir, artifact.properties.directoryName)));
    }
  }
  return templates;
}

/** Loads a directory: a cloud assembly (manifest.json), else the template files it holds. */
function loadDirectory(dir: string): { templates: LoadedTemplate[]; assembly: boolean } {
  if (existsSync(join(dir, MANIFEST))) {
    const templates = loadAssembly(dir);
    if (templates.length === 0) throw new UsageError(`${dir}: the cloud assembly holds no CloudFormation stacks`);
    return { templates, assembly: true };
  }
  const files = readdirSync(dir)
    .filter((name) => TEMPLATE_FILE.test(name))
    .sort();
  if (files.length === 0) {
    throw new UsageError(
      `${dir}: no CloudFormation templates (no ${MANIFEST}, no *.template.json, *.template.yaml or *.template files)`,
    );
  }
  return {
    templates: files.map((name) => ({
      name: join(dir, name),
      file: join(dir, name),
      template: readTemplate(join(dir, name)),
    })),
    assembly: false,
  };
}

function statOf(path: string) {
  try {
    return statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsageError(`${path}: cannot be read (${(error as NodeJS.ErrnoException).code})`);
  }
}

/** The templates named on the command line: cloud assembly directories, template directories or files. */
export function loadInputs(paths: readonly string[]): LoadedTemplate[] {
  const seen = new Set<string>();
  const templates: LoadedTemplate[] = [];
  for (const path of paths) {
    const stat = statOf(path);
    if (!stat) throw new UsageError(`${path}: no such file or directory`);
    const loaded = stat.isDirectory()
      ? loadDirectory(path).templates
      : [{ name: path, file: path, template: readTemplate(path) }];
    for (const template of loaded) {
      const key = resolve(template.file);
      if (seen.has(key)) continue;
      seen.add(key);
      templates.push(template);
    }
  }
  return templates;
}

/** The baseline of `--baseline DIR`: a cloud assembly (or a directory of template files). */
export function loadBaseline(dir: string): { templates: LoadedTemplate[]; assembly: boolean } {
  const stat = statOf(dir);
  if (!stat) throw new UsageError(`${dir}: no such directory (--baseline)`);
  if (!stat.isDirectory()) throw new UsageError(`${dir}: not a directory (--baseline expects a cloud assembly)`);
  return loadDirectory(dir);
}
