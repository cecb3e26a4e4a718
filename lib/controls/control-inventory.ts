import { Lazy, Stack, type CfnResource } from 'aws-cdk-lib';
import { CONTROL_INVENTORY_METADATA_KEY, type ControlInventory } from './control-inventory-metadata';

export { CONTROL_INVENTORY_METADATA_KEY, type ControlInventory } from './control-inventory-metadata';

interface Recorded {
  readonly resource: CfnResource;
  readonly control: string;
  /** The L1 properties as they were when the construct recorded them (later changes are what is checked). */
  readonly snapshot: Record<string, unknown>;
  /** The template names of the properties to compare. */
  readonly names: readonly string[];
}

const RECORDED = new WeakMap<Stack, Recorded[]>();

interface L1Internals {
  readonly cfnProperties: Record<string, unknown>;
  renderProperties(props: Record<string, unknown>): Record<string, unknown>;
}

/** The template form (PascalCase) of the snapshot's properties, rendered at synth like the resource itself. */
function intendedProperties(entry: Recorded): Record<string, unknown> {
  // Resolve first, then render and validate — the order CloudFormation rendering itself uses.
  const resolved = Stack.of(entry.resource).resolve(entry.snapshot) as Record<string, unknown>;
  const rendered = (entry.resource as unknown as L1Internals).renderProperties(resolved);
  return Object.fromEntries(
    entry.names.filter((name) => rendered[name] !== undefined).map((name) => [name, rendered[name]]),
  );
}

/**
 * Records a security control resource — and the property values the construct intends it to have — in the
 * template Metadata (`hipaa-baseline:control-inventory`), so `hipaa-baseline check` can tell when the final
 * template lost the resource or weakened it (an escape hatch, a hand edit), and with `--baseline` when a
 * change removes it. Call it at the end of the construct that configures the resource: later overrides and
 * property changes are what the check is meant to catch.
 */
export function recordControl(resource: CfnResource, control: string, properties: readonly string[] = []): void {
  const stack = Stack.of(resource);
  let recorded = RECORDED.get(stack);
  if (!recorded) {
    recorded = [];
    RECORDED.set(stack, recorded);
    const entries = recorded;
    stack.templateOptions.metadata = {
      ...stack.templateOptions.metadata,
      [CONTROL_INVENTORY_METADATA_KEY]: Lazy.any({
        produce: (): ControlInventory =>
          Object.fromEntries(
            entries.map((entry) => [
              stack.resolve(entry.resource.logicalId) as string,
              {
                control: entry.control,
                type: entry.resource.cfnResourceType,
                properties: stack.resolve(intendedProperties(entry)) as Record<string, unknown>,
              },
            ]),
          ),
      }),
    };
  }
  const snapshot = { ...(resource as unknown as L1Internals).cfnProperties };
  recorded.push({ resource, control, snapshot, names: properties });
}
