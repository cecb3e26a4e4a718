import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { baselineConfigSchema, type BaselineConfig } from './schema';

/** Context key holding the configuration object (cdk.json). */
export const CONFIG_CONTEXT_KEY = 'hipaaBaseline';
/** Context key naming a JSON file that replaces the cdk.json configuration. */
export const CONFIG_FILE_CONTEXT_KEY = 'hipaaBaselineConfig';

/** Invalid configuration: `problems` holds one `hipaaBaseline.<path>: <reason>` line per problem. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/** Renders a zod issue path as `hipaaBaseline.a.b[0].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
    CONFIG_CONTEXT_KEY,
  );
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown key`);
    }
    return [`${formatPath(issue.path)}: ${issue.message}`];
  });
}

/** Validates a raw configuration document; throws ConfigError listing every problem. */
export function parseConfig(raw: unknown): BaselineConfig {
  const result = baselineConfigSchema.safeParse(raw ?? {});
  if (!result.success) throw new ConfigError(formatIssues(result.error.issues));
  return result.data;
}

/** Something that answers context lookups, such as `app.node`. */
/** Where the configuration is read from: an App's node, or anything answering context lookups. */
export interface ContextSource {
  /** The context value of `key` (cdk.json, `-c key=value`), or undefined. */
  tryGetContext(key: string): unknown;
}

/**
 * Reads the configuration from context: the file named by `hipaaBaselineConfig` when given,
 * otherwise the `hipaaBaseline` object. Values given as JSON strings (`-c hipaaBaseline='{…}'`) are parsed.
 */
export function loadConfig(context: ContextSource): BaselineConfig {
  const file = context.tryGetContext(CONFIG_FILE_CONTEXT_KEY);
  if (file !== undefined) {
    if (typeof file !== 'string' || file.trim() === '') {
      throw new ConfigError([`${CONFIG_FILE_CONTEXT_KEY}: must be the path of a JSON file`]);
    }
    return parseConfig(readJsonFile(file));
  }
  const inline = context.tryGetContext(CONFIG_CONTEXT_KEY);
  if (typeof inline === 'string') {
    try {
      return parseConfig(JSON.parse(inline));
    } catch (error) {
      if (error instanceof ConfigError) throw error;
      throw new ConfigError([`${CONFIG_CONTEXT_KEY}: not valid JSON (${(error as Error).message})`]);
    }
  }
  return parseConfig(inline);
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ConfigError([`${CONFIG_CONTEXT_KEY}: cannot read config file ${file}: ${reason}`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError([
      `${CONFIG_CONTEXT_KEY}: config file ${file} is not valid JSON: ${(error as Error).message}`,
    ]);
  }
}
