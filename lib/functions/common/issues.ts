import type * as z from 'zod/mini';

/** One `where: reason` line per validation issue; `where` is the root name followed by the issue's path. */
export function formatIssues(root: string, issues: readonly z.core.$ZodIssue[]): string[] {
  const lines = issues.flatMap((issue) => {
    const where = issue.path.reduce<string>(
      (text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${String(key)}`),
      root,
    );
    if (issue.code === 'invalid_key') return issue.issues.map((inner) => `${where}: ${inner.message}`);
    return [`${where}: ${issue.message}`];
  });
  return [...new Set(lines)];
}
