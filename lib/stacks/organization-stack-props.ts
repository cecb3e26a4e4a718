import type { StackProps } from 'aws-cdk-lib';
import type { OrganizationConfig } from '../config/organization-schema';
import type { BaselineConfig } from '../config/schema';

/** The configuration of organisation mode: the `organization` section, `region` and `organizationId` are set. */
export type OrganizationModeConfig = BaselineConfig & {
  readonly organization: OrganizationConfig;
  readonly region: string;
  readonly organizationId: string;
};

/** Props every organisation-mode stack takes: the validated configuration, and an explicit environment. */
export interface OrganizationStackProps extends StackProps {
  readonly config: OrganizationModeConfig;
  readonly env: { readonly account: string; readonly region: string };
}

/** The configuration in organisation mode, or undefined in single-account mode. */
export function organizationMode(config: BaselineConfig): OrganizationModeConfig | undefined {
  if (!config.organization || !config.region || !config.organizationId) return undefined;
  return config as OrganizationModeConfig;
}
