import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct } from 'constructs';
import { recordControl } from '../controls/control-inventory';
import { declareControls } from '../controls/declare';
import { DATA_CLASSIFICATION_TAG, DEIDENTIFIED } from '../controls/tags';

export interface AnalyticsStudioDomainProps {
  /** Domain name. */
  readonly domainName: string;
  /** VPC of the environment holding the domain. */
  readonly vpc: ec2.IVpc;
  /** Its app-tier subnets: the domain's network interfaces and home volume live there. HIPAA 164.312(e)(1). */
  readonly subnets: ec2.SubnetSelection;
  /** The app tier's security group, given to every user and space. HIPAA 164.312(e)(1). */
  readonly securityGroup: ec2.ISecurityGroup;
  /** The de-identified key: home volume and space volumes. HIPAA 164.312(a)(2)(iv); AWS Config SAGEMAKER_DOMAIN_IN_VPC (network). */
  readonly encryptionKey: kms.IKey;
  /** Execution role of users and spaces: the analytics/ML role (de-identified data only). HIPAA 164.308(a)(4)(ii)(B). */
  readonly executionRoleArn: string;
}

/**
 * A SageMaker domain (Studio) for analytics and ML on de-identified data: IAM authentication, VPC only
 * (`AppNetworkAccessType: VpcOnly`, no SageMaker-managed internet access) in the app tier, home and space
 * volumes encrypted with the de-identified key, every user and space running as the analytics role with the
 * app tier's security group, Docker access off (which would give users root on the instances) and notebook
 * output sharing off (outputs can hold what the data held). An idle domain costs nothing but the storage of
 * its (empty) home volume. HIPAA 164.312(a)(1), 164.312(e)(1); AWS Config SAGEMAKER_DOMAIN_IN_VPC.
 */
export class AnalyticsStudioDomain extends Construct {
  public readonly domain: sagemaker.CfnDomain;

  constructor(scope: Construct, id: string, props: AnalyticsStudioDomainProps) {
    super(scope, id);
    const subnets = props.vpc.selectSubnets(props.subnets);
    const groups = [props.securityGroup.securityGroupId];
    this.domain = new sagemaker.CfnDomain(this, 'Domain', {
      domainName: props.domainName,
      authMode: 'IAM',
      appNetworkAccessType: 'VpcOnly',
      vpcId: props.vpc.vpcId,
      subnetIds: subnets.subnetIds,
      kmsKeyId: props.encryptionKey.keyArn,
      defaultUserSettings: {
        executionRole: props.executionRoleArn,
        securityGroups: groups,
        sharingSettings: { notebookOutputOption: 'Disabled' },
      },
      defaultSpaceSettings: { executionRole: props.executionRoleArn, securityGroups: groups },
      domainSettings: { dockerSettings: { enableDockerAccess: 'DISABLED' } },
      tags: [{ key: DATA_CLASSIFICATION_TAG, value: DEIDENTIFIED }],
    });
    recordControl(this.domain, 'sagemaker-domain', [
      'AppNetworkAccessType',
      'KmsKeyId',
      'SubnetIds',
      'DefaultUserSettings',
      'DomainSettings',
    ]);

    declareControls(this, {
      citations: ['164.312(a)(1)', '164.312(e)(1)', '164.312(a)(2)(iv)', '164.308(a)(4)(ii)(B)'],
      statement:
        'The SageMaker domain for analytics runs VPC only in the app tier with its security group, as the analytics role (de-identified data only), with volumes under the de-identified key, Docker access and notebook output sharing off.',
    });
  }
}
