/**
 * Acknowledgements as templates carry them: resource Metadata `cdk_nag.rules_to_suppress: [{id, reason}]`,
 * written by the synth gate for every acknowledgement made with `acknowledge()`.
 */

/** Shortest reason an acknowledgement may give. */
export const MIN_REASON_LENGTH = 20;

/** One acknowledgement read from a resource's Metadata. */
export interface TemplateAcknowledgement {
  readonly id: string;
  /** The reason, trimmed ('' when none was given). */
  readonly reason: string;
}

/** The acknowledgements a resource's Metadata records; malformed entries are skipped (a template rule reports them). */
export function readAcknowledgements(metadata: Record<string, any> | undefined): TemplateAcknowledgement[] {
  const entries = metadata?.cdk_nag?.rules_to_suppress;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter((entry) => typeof entry?.id === 'string' && entry.id.trim() !== '')
    .map((entry) => ({ id: entry.id.trim(), reason: typeof entry.reason === 'string' ? entry.reason.trim() : '' }));
}

/** Whether an acknowledgement is honoured: it must explain itself in at least MIN_REASON_LENGTH characters. */
export function isHonoured(acknowledgement: TemplateAcknowledgement): boolean {
  return acknowledgement.reason.length >= MIN_REASON_LENGTH;
}
