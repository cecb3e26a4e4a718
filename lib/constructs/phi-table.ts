import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { declareControls } from '../controls/declare';
import { BACKUP_TAG, DATA_CLASSIFICATION_TAG, PHI } from '../controls/tags';

export interface PhiTableProps {
  /** Customer key encrypting the table. HIPAA 164.312(a)(2)(iv). */
  readonly encryptionKey: kms.IKey;
  /** Partition key attribute name. */
  readonly partitionKey: string;
  /**
   * Sort key attribute name.
   * @default - none
   */
  readonly sortKey?: string;
}

/**
 * A DynamoDB table for PHI: customer-managed key, point-in-time recovery (AWS Config DYNAMODB_PITR_ENABLED),
 * deletion protection, retained, on-demand capacity, tagged for the PHI backup plan. HIPAA
 * 164.312(a)(2)(iv), 164.308(a)(7)(ii)(A), 164.312(c)(1).
 */
export class PhiTable extends Construct {
  public readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string, props: PhiTableProps) {
    super(scope, id);
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: props.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: props.sortKey ? { name: props.sortKey, type: dynamodb.AttributeType.STRING } : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cfn = this.table.node.defaultChild as dynamodb.CfnTable;
    cfn.tags.setTag(DATA_CLASSIFICATION_TAG, PHI);
    cfn.tags.setTag(BACKUP_TAG, 'true');

    declareControls(this, {
      citations: ['164.312(a)(2)(iv)', '164.308(a)(7)(ii)(A)', '164.312(c)(1)', '164.310(d)(2)(iv)'],
      statement:
        'The example PHI table is encrypted with the data key, recoverable to any second of the last 35 days, protected from deletion and backed up.',
    });
  }
}
