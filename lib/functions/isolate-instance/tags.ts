/**
 * Tags the function writes. On the instance: the security groups each network interface had before
 * isolation (written BEFORE any interface is changed, so the old groups are never lost) and the finding
 * that isolated it. On each snapshot: the finding, instance, volume and device it preserves.
 *
 * The previous groups are recorded as `eni-…:sg-…,sg-…;eni-…:sg-…`. A tag value holds at most 256
 * characters, so a longer record continues in numbered tags (`…-sgs`, `…-sgs-2`, `…-sgs-3`, …) that are
 * read back in order and joined; when a rewrite needs fewer parts than are there, the extra parts are
 * blanked, not deleted (so the function needs no ec2:DeleteTags).
 */

/** Prefix of every tag key the function writes (an IAM policy can allow CreateTags for these keys only). */
export const TAG_PREFIX = 'hipaa-baseline:';

export const TAGS = {
  /** Instance: previous security groups of each network interface (first part of the record). */
  previousGroups: `${TAG_PREFIX}pre-isolation-sgs`,
  /** Instance: id of the finding that isolated it. */
  isolatedByFinding: `${TAG_PREFIX}isolated-by-finding`,
  /** Instance: when it was isolated (ISO 8601). */
  isolatedAt: `${TAG_PREFIX}isolated-at`,
  /** Instance: type of the finding that isolated it. */
  isolatedFindingType: `${TAG_PREFIX}isolated-finding-type`,
  /** Snapshot: id of the finding it preserves evidence for (also how existing snapshots are found). */
  findingId: `${TAG_PREFIX}finding-id`,
  /** Snapshot: type of that finding. */
  findingType: `${TAG_PREFIX}finding-type`,
  /** Snapshot: the instance the volume was attached to. */
  instanceId: `${TAG_PREFIX}instance-id`,
  /** Snapshot: the volume. */
  volumeId: `${TAG_PREFIX}volume-id`,
  /** Snapshot: the device name the volume was attached as. */
  device: `${TAG_PREFIX}device`,
} as const;

/** Longest value EC2 accepts for a tag. */
export const TAG_VALUE_LIMIT = 256;

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** Network interface id → security group ids, in the order the interfaces are attached. */
export type GroupRecord = ReadonlyMap<string, readonly string[]>;

/** Key of the n-th part (1-based) of the previous-groups record. */
export function previousGroupsKey(part: number): string {
  return part === 1 ? TAGS.previousGroups : `${TAGS.previousGroups}-${part}`;
}

export function encodeGroupRecord(record: GroupRecord): string {
  return [...record].map(([eni, groups]) => `${eni}:${groups.join(',')}`).join(';');
}

export function decodeGroupRecord(text: string): Map<string, string[]> {
  const record = new Map<string, string[]>();
  for (const entry of text.split(';')) {
    const [eni, groups] = entry.split(':');
    if (eni && groups !== undefined) record.set(eni, groups.split(',').filter(Boolean));
  }
  return record;
}

/** The record as tags, split into numbered parts of at most 256 characters. */
export function groupRecordTags(record: GroupRecord): Tag[] {
  const text = encodeGroupRecord(record);
  const tags: Tag[] = [];
  for (let start = 0, part = 1; start < text.length || part === 1; start += TAG_VALUE_LIMIT, part++) {
    tags.push({ Key: previousGroupsKey(part), Value: text.slice(start, start + TAG_VALUE_LIMIT) });
  }
  return tags;
}

/** The record kept in an instance's tags (empty when there is none). */
export function readGroupRecord(tags: Readonly<Record<string, string>>): Map<string, string[]> {
  let text = '';
  for (let part = 1; tags[previousGroupsKey(part)] !== undefined; part++) text += tags[previousGroupsKey(part)];
  return decodeGroupRecord(text);
}
