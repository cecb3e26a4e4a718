import { fullDiff, ResourceImpact, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { holdsData, keepsData } from '../../controls/stateful-types';
import type { StatefulChange } from '../../../rules/template';
import { CONTROL_INVENTORY_METADATA_KEY, type ControlInventory } from '../../controls/control-inventory-metadata';
import { propertyUpdate } from './immutable-properties';
import type { CfnTemplate } from './template';

const REPLACING = new Set([ResourceImpact.WILL_REPLACE, ResourceImpact.MAY_REPLACE]);
const POLICIES = ['DeletionPolicy', 'UpdateReplacePolicy'] as const;

/** Resource equality for pairing a removed and an added resource: everything but Metadata. */
function sameDefinition(a: Record<string, any>, b: Record<string, any>): boolean {
  const strip = ({ Metadata: _metadata, ...rest }: Record<string, any>) => JSON.stringify(rest);
  return strip(a) === strip(b);
}

/**
 * Property changes that force (or may force) a replacement, as `BucketName changes → replacement`, and
 * changes CloudFormation refuses outright (`KeySpec changes → the update fails`): the schema's create-only
 * properties, and those its documentation says cannot change after creation.
 */
function replacementCauses(change: ResourceDifference): string[] {
  if (change.resourceTypeChanged) return [`type changes (${change.oldResourceType} → ${change.newResourceType})`];
  const type = change.newResourceType ?? change.oldResourceType ?? '';
  return Object.entries(change.propertyUpdates).flatMap(([name, property]) => {
    if (property.changeImpact === ResourceImpact.WILL_REPLACE) return [`${name} changes → replacement`];
    if (property.changeImpact === ResourceImpact.MAY_REPLACE) return [`${name} changes → may replace`];
    const update = propertyUpdate(type, name);
    if (update === 'replacement') return [`${name} changes → replacement`];
    if (update === 'refused') return [`${name} changes → the update fails (it cannot change after creation)`];
    return [];
  });
}

/**
 * Pairs removed and added resources of the same type as logical-id changes: first those whose
 * definition is unchanged, then those at the same construct path, then a lone removal with a lone addition.
 */
function pairRenames(removed: Map<string, any>, added: Map<string, any>): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  const take = (matches: (old: any, current: any) => boolean) => {
    for (const [oldId, old] of removed) {
      const found = [...added].find(([, current]) => current.Type === old.Type && matches(old, current));
      if (!found) continue;
      pairs.push([oldId, found[0]]);
      removed.delete(oldId);
      added.delete(found[0]);
    }
  };
  take(sameDefinition);
  take(
    (old, current) =>
      old.Metadata?.['aws:cdk:path'] !== undefined &&
      old.Metadata['aws:cdk:path'] === current.Metadata?.['aws:cdk:path'],
  );
  const types = new Set([...removed.values()].map((resource) => resource.Type));
  for (const type of types) {
    const olds = [...removed].filter(([, resource]) => resource.Type === type);
    const news = [...added].filter(([, resource]) => resource.Type === type);
    if (olds.length === 1 && news.length === 1) take((old, current) => old === olds[0][1] && current === news[0][1]);
  }
  return pairs;
}

/**
 * How the data-holding resources of `baseline` change in `current`, according to the CloudFormation
 * diff `cdk diff` uses: removed, replaced (an immutable property or the type changes), renamed (a new
 * logical id), or no longer retained. `current` undefined: the whole stack is gone.
 */
export function statefulChanges(baseline: CfnTemplate, current: CfnTemplate | undefined): StatefulChange[] {
  const changes: StatefulChange[] = [];
  const removed = new Map<string, any>();
  const added = new Map<string, any>();
  const diff = fullDiff(structuredClone(baseline), structuredClone(current ?? { Resources: {} }));

  diff.resources.forEachDifference((logicalId, change) => {
    const oldType = change.oldResourceType;
    if (change.isRemoval) {
      if (holdsData(change.oldValue)) removed.set(logicalId, change.oldValue);
      return;
    }
    if (change.isAddition) {
      if (holdsData(change.newValue)) added.set(logicalId, change.newValue);
      return;
    }
    if (!oldType || !holdsData(change.oldValue)) return;
    const causes = replacementCauses(change);
    if (causes.length > 0 || REPLACING.has(change.changeImpact)) {
      changes.push({
        kind: 'replaced',
        logicalId,
        type: oldType,
        causes: causes.length > 0 ? causes : ['the change requires replacement'],
      });
    }
    for (const policy of POLICIES) {
      const from = change.oldValue?.[policy];
      const to = change.newValue?.[policy];
      if (keepsData(oldType, from) && !keepsData(oldType, to)) {
        changes.push({ kind: 'retain-removed', logicalId, type: oldType, policy, from, to });
      }
    }
  });

  for (const [oldLogicalId, logicalId] of pairRenames(removed, added)) {
    changes.push({ kind: 'renamed', oldLogicalId, logicalId, type: baseline.Resources[oldLogicalId].Type });
  }
  changes.push(...removedControls(baseline, current));
  for (const [logicalId, resource] of removed) {
    changes.push({
      kind: 'removed',
      logicalId,
      type: resource.Type,
      retained: keepsData(resource.Type, resource.DeletionPolicy),
    });
  }
  return changes;
}

/**
 * The security controls the baseline template recorded in its inventory that the current template no
 * longer has — under the same logical id, or (a renamed resource) at the same construct path.
 */
function removedControls(baseline: CfnTemplate, current: CfnTemplate | undefined): StatefulChange[] {
  const inventory = (baseline.Metadata?.[CONTROL_INVENTORY_METADATA_KEY] ?? {}) as ControlInventory;
  const currentResources = Object.values(current?.Resources ?? {}) as Record<string, any>[];
  const present = (logicalId: string, type: string): boolean => {
    if (current?.Resources?.[logicalId]?.Type === type) return true;
    const path = (baseline.Resources?.[logicalId] as Record<string, any> | undefined)?.Metadata?.['aws:cdk:path'];
    return path !== undefined && currentResources.some((r) => r.Type === type && r.Metadata?.['aws:cdk:path'] === path);
  };
  return Object.entries(inventory)
    .filter(([logicalId, entry]) => !present(logicalId, entry.type))
    .map(([logicalId, entry]) => ({ kind: 'control-removed', logicalId, type: entry.type, control: entry.control }));
}
