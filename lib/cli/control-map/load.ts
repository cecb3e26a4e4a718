import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { normalizeCitation, type Citation } from '../../controls/catalog';
import { CONTROLS_METADATA_TYPE } from '../../controls/control-metadata';
import { UsageError } from '../main';
import type { SegmentationMatrix } from './model';

/** A CloudFormation template as the control map reads it. */
export interface CfnTemplate {
  readonly Resources?: Readonly<Record<string, CfnResourceJson>>;
  readonly Metadata?: Readonly<Record<string, unknown>>;
}

export interface CfnResourceJson {
  readonly Type: string;
  readonly Properties?: Record<string, any>;
  readonly Metadata?: Record<string, any>;
}

/** A `declareControls` record of the assembly, its citations in catalog form. */
export interface Declaration {
  /** Construct path without the leading slash (`LogArchive/Trail`). */
  readonly path: string;
  readonly citations: readonly Citation[];
  readonly statement: string;
  readonly construct: string;
  /** What the baseline relies on instead of deploying it. */
  readonly reliesOn?: string;
  readonly resources: readonly { readonly logicalId: string; readonly type: string }[];
}

/** One stack of the assembly. */
export interface StackInput {
  /** Artifact id (`LogArchive`). */
  readonly id: string;
  readonly stackName: string;
  readonly environment?: string;
  readonly template: CfnTemplate;
  readonly declarations: readonly Declaration[];
  /** Conformance pack templates deployed through an S3 asset, parsed, by the pack's logical id. */
  readonly packTemplates: Readonly<Record<string, CfnTemplate>>;
  /** Organisation mode: which account the template is for (its role; the id, or the OUs and regions of a StackSet). */
  readonly account?: StackAccount;
}

/** The account of a template of organisation mode, as its Metadata records it. */
export interface StackAccount {
  readonly role: string;
  readonly account?: string;
  readonly organizationalUnitIds?: readonly string[];
  readonly regions?: readonly string[];
}

/** What the control map needs from a synthesized cloud assembly. */
export interface AssemblyInput {
  readonly stacks: readonly StackInput[];
  readonly segmentation?: SegmentationMatrix;
  /** When the assembly was written (modification time of its manifest.json). */
  readonly synthesizedAt: Date;
}

/** File the network stack's synth writes into the assembly directory. */
export const SEGMENTATION_MATRIX_FILE = 'segmentation-matrix.json';

const entrySchema = z.object({ type: z.string(), data: z.unknown().optional() });
const metadataSchema = z.record(z.string(), z.array(entrySchema));
const artifactSchema = z.object({
  type: z.string(),
  displayName: z.string().optional(),
  environment: z.string().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  metadata: metadataSchema.optional(),
  additionalMetadataFile: z.string().optional(),
});
const manifestSchema = z.object({ version: z.string(), artifacts: z.record(z.string(), artifactSchema).optional() });
const declarationSchema = z.object({
  citations: z.array(z.string()),
  statement: z.string(),
  construct: z.string(),
  reliesOn: z.string().optional(),
  resources: z.array(z.object({ logicalId: z.string(), type: z.string() })),
});
const assetManifestSchema = z.object({
  files: z.record(z.string(), z.object({ source: z.object({ path: z.string().optional() }) })).optional(),
});
const segmentationSchema = z.object({
  description: z.string(),
  stack: z.string(),
  nodes: z.array(z.string()),
  matrix: z.record(z.string(), z.record(z.string(), z.string())),
  paths: z.array(z.object({ from: z.string(), to: z.string(), traffic: z.string(), undeclared: z.string() })),
  findings: z.array(z.object({ resource: z.string(), message: z.string() })),
});

type Artifact = z.infer<typeof artifactSchema>;

/** Template Metadata naming the account role of a template (organisation mode). */
const ACCOUNT_METADATA_KEY = 'hipaa-baseline:account';
/** StackSet resource Metadata naming the construct path of the stack whose template it deploys. */
const MEMBER_TEMPLATE_PATH_KEY = 'hipaa-baseline:member-template-path';
const accountSchema = z.object({
  role: z.string(),
  account: z.string().optional(),
  organizationalUnitIds: z.array(z.string()).optional(),
  regions: z.array(z.string()).optional(),
});

function accountOf(label: string, file: string, template: CfnTemplate): StackAccount | undefined {
  const recorded = template.Metadata?.[ACCOUNT_METADATA_KEY];
  if (recorded === undefined) return undefined;
  const parsed = accountSchema.safeParse(recorded);
  if (!parsed.success) throw new UsageError(`${label}: ${file}: Metadata.${ACCOUNT_METADATA_KEY}: malformed`);
  return parsed.data;
}

/** Reads and checks a JSON file of the assembly; a problem is a UsageError naming the file. */
function readJson<T>(label: string, directory: string, file: string, schema?: z.ZodType<T>): T {
  const where = `${label}: ${file}`;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(join(directory, file), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      `${where}: ${code === 'ENOENT' ? 'missing' : code ? `cannot read (${code})` : 'not valid JSON'}`,
    );
  }
  if (!schema) return value as T;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${where}: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}

function declarations(label: string, file: string, metadata: z.infer<typeof metadataSchema>): Declaration[] {
  const found: Declaration[] = [];
  for (const [path, entries] of Object.entries(metadata)) {
    for (const entry of entries.filter((e) => e.type === CONTROLS_METADATA_TYPE)) {
      const parsed = declarationSchema.safeParse(entry.data);
      if (!parsed.success)
        throw new UsageError(`${label}: ${file}: ${path}: malformed ${CONTROLS_METADATA_TYPE} metadata`);
      const unknown = parsed.data.citations.filter((citation) => normalizeCitation(citation) === undefined);
      if (unknown.length > 0) {
        throw new UsageError(`${label}: ${file}: ${path}: unknown HIPAA citation "${unknown[0]}" (not in the catalog)`);
      }
      found.push({
        ...parsed.data,
        path: path.replace(/^\//, ''),
        citations: parsed.data.citations.map((citation) => normalizeCitation(citation)!),
      });
    }
  }
  return found;
}

/** Logical id → parsed template of every conformance pack of the template deployed from an S3 asset. */
function packTemplates(label: string, directory: string, template: CfnTemplate, assets: Map<string, string>) {
  const packs: Record<string, CfnTemplate> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
    const uri = resource.Properties?.TemplateS3Uri;
    if (resource.Type !== 'AWS::Config::ConformancePack' || uri === undefined) continue;
    const text = JSON.stringify(uri);
    const hash = [...assets.keys()].find((candidate) => text.includes(candidate));
    if (!hash)
      throw new UsageError(`${label}: conformance pack ${logicalId}: its template asset is not in the assembly`);
    packs[logicalId] = readJson<CfnTemplate>(label, directory, assets.get(hash)!);
  }
  return packs;
}

function readAssembly(label: string, directory: string, prefix: string): StackInput[] {
  const manifest = readJson(label, directory, 'manifest.json', manifestSchema);
  const artifacts = Object.entries(manifest.artifacts ?? {});
  const assets = new Map<string, string>();
  for (const [, artifact] of artifacts.filter(([, a]) => a.type === 'cdk:asset-manifest')) {
    const file = String(artifact.properties?.file ?? '');
    for (const [hash, asset] of Object.entries(readJson(label, directory, file, assetManifestSchema).files ?? {})) {
      if (asset.source.path) assets.set(hash, asset.source.path);
    }
  }
  const stacks: StackInput[] = [];
  for (const [id, artifact] of artifacts) {
    if (artifact.type === 'cdk:cloud-assembly') {
      const nested = String(artifact.properties?.directoryName ?? '');
      stacks.push(...readAssembly(label, join(directory, nested), `${prefix}${nested}/`));
    }
    if (artifact.type === 'aws:cloudformation:stack')
      stacks.push(...readStack(label, directory, prefix, id, artifact, assets));
  }
  return stacks;
}

function readStack(
  label: string,
  directory: string,
  prefix: string,
  id: string,
  artifact: Artifact,
  assets: Map<string, string>,
): StackInput[] {
  const templateFile = String(artifact.properties?.templateFile ?? `${id}.template.json`);
  const template = readJson<CfnTemplate>(label, directory, templateFile);
  const metadataFile = artifact.additionalMetadataFile;
  const metadata = {
    ...artifact.metadata,
    ...(metadataFile ? readJson(label, directory, metadataFile, metadataSchema) : {}),
  };
  const stackId = `${prefix}${artifact.displayName ?? id}`;
  const all = declarations(label, `${prefix}${metadataFile ?? 'manifest.json'}`, metadata);
  const members = memberTemplates(label, directory, stackId, template, assets, all);
  const inMember = new Set(members.flatMap((member) => member.declarations));
  const stack: StackInput = {
    id: stackId,
    stackName: String(artifact.properties?.stackName ?? id),
    environment: artifact.environment,
    template,
    declarations: all.filter((declaration) => !inMember.has(declaration)),
    packTemplates: packTemplates(label, directory, template, assets),
    ...optional('account', accountOf(label, templateFile, template)),
  };
  return [stack, ...members];
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

/**
 * The templates the stack's StackSets deploy (organisation mode's member baseline), as stacks of their own:
 * their resources, Config rules and acknowledgements are in the asset, their declarations in the parent's
 * metadata under the member template's construct path. Deployed to the accounts of OUs, not to the parent's.
 */
function memberTemplates(
  label: string,
  directory: string,
  parentId: string,
  template: CfnTemplate,
  assets: Map<string, string>,
  parentDeclarations: readonly Declaration[],
): StackInput[] {
  return Object.entries(template.Resources ?? {}).flatMap(([logicalId, resource]) => {
    const path = resource.Metadata?.[MEMBER_TEMPLATE_PATH_KEY];
    if (resource.Type !== 'AWS::CloudFormation::StackSet' || typeof path !== 'string') return [];
    const text = JSON.stringify(resource.Properties?.TemplateURL ?? null);
    const hash = [...assets.keys()].find((candidate) => text.includes(candidate));
    if (!hash) throw new UsageError(`${label}: StackSet ${logicalId}: its template asset is not in the assembly`);
    const file = assets.get(hash)!;
    const member = readJson<CfnTemplate>(label, directory, file);
    const account = accountOf(label, file, member);
    const targets = account?.organizationalUnitIds
      ? `StackSet instances: ${account.organizationalUnitIds.join(', ')} × ${(account.regions ?? []).join(', ')}`
      : 'StackSet instances';
    return [
      {
        id: `${parentId}/${logicalId}`,
        stackName: String(resource.Properties?.StackSetName ?? logicalId),
        environment: targets,
        template: member,
        declarations: parentDeclarations.filter((d) => d.path === path || d.path.startsWith(`${path}/`)),
        packTemplates: packTemplates(label, directory, member, assets),
        ...optional('account', account),
      },
    ];
  });
}

/**
 * Reads a synthesized cloud assembly (`cdk.out`): its stacks' templates, the control declarations of
 * their constructs, and the segmentation matrix when there is one. Bad input is a UsageError naming the
 * directory (as the user gave it, `label`) and the problem.
 */
export function loadAssembly(directory: string, label = `--app ${directory}`): AssemblyInput {
  if (!existsSync(directory)) throw new UsageError(`${label}: no such directory (run \`npx cdk synth\` first)`);
  if (!statSync(directory).isDirectory()) throw new UsageError(`${label}: not a directory`);
  if (!existsSync(join(directory, 'manifest.json'))) {
    throw new UsageError(`${label}: not a cloud assembly (no manifest.json)`);
  }
  const stacks = readAssembly(label, directory, '');
  if (!stacks.some((stack) => stack.declarations.length > 0)) {
    throw new UsageError(
      `${label}: no ${CONTROLS_METADATA_TYPE} metadata in any stack: not an assembly of the hipaa-baseline app`,
    );
  }
  const segmentation = existsSync(join(directory, SEGMENTATION_MATRIX_FILE))
    ? readJson(label, directory, SEGMENTATION_MATRIX_FILE, segmentationSchema)
    : undefined;
  return { stacks, segmentation, synthesizedAt: statSync(join(directory, 'manifest.json')).mtime };
}
