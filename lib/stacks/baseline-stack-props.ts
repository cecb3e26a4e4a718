import type { StackProps } from 'aws-cdk-lib';
import type { BaselineConfig } from '../config/schema';

/** Props every baseline stack takes: the validated configuration. */
export interface BaselineStackProps extends StackProps {
  readonly config: BaselineConfig;
}
