import type { ConfigRuleIdentifier } from '../../../lib/controls/catalog.generated';
import { eachOfType, props } from './template';
import type { Evaluator } from './types';

/** AWS Config managed rules over the AI services the baseline configures (SageMaker domains). */
export const AI_EVALUATORS: Partial<Record<ConfigRuleIdentifier, Evaluator>> = {
  // NON_COMPLIANT unless configuration.AppNetworkAccessType is VpcOnly (absent: PublicInternetOnly).
  SAGEMAKER_DOMAIN_IN_VPC: (context) =>
    eachOfType(
      context,
      'AWS::SageMaker::Domain',
      (domain) =>
        props(domain).AppNetworkAccessType === 'VpcOnly'
          ? undefined
          : `AppNetworkAccessType is ${props(domain).AppNetworkAccessType ?? 'PublicInternetOnly (the default)'}`,
      'AppNetworkAccessType is VpcOnly: non-EFS traffic goes through the customer VPC',
    ),
};
