// Kept in a module of its own (no aws-cdk-lib) so the template checks can read the inventory cheaply.

/** Template Metadata key of the inventory of security control resources the app created. */
export const CONTROL_INVENTORY_METADATA_KEY = 'hipaa-baseline:control-inventory';

/** The inventory as it appears in a template: logical id → the control, its type and intended properties. */
export type ControlInventory = Record<
  string,
  { readonly control: string; readonly type: string; readonly properties: Record<string, unknown> }
>;
