import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../../lib/controls/acknowledge';
import type { CitationInput } from '../../lib/controls/catalog.generated';
import { CONTROLS_METADATA_TYPE, declareControls } from '../../lib/controls/declare';

function stack(): Stack {
  return new Stack(new App({ autoSynth: false }), 'S');
}

describe('declareControls', () => {
  test('records citations, statement, construct class and owned resources as metadata', () => {
    const s = stack();
    const bucket = new s3.Bucket(s, 'Bucket');
    declareControls(bucket, { citations: ['164.312(b)', '164.308(a)(1)'], statement: 'Keeps a record of access.' });
    const entry = bucket.node.metadata.find((m) => m.type === CONTROLS_METADATA_TYPE)!;
    expect(s.resolve(entry.data)).toEqual({
      citations: ['164.308(a)(1)(i)', '164.312(b)'],
      statement: 'Keeps a record of access.',
      construct: 'aws-cdk-lib.aws_s3.Bucket',
      resources: [
        { logicalId: s.resolve((bucket.node.defaultChild as CfnResource).logicalId), type: 'AWS::S3::Bucket' },
      ],
    });
  });

  test("records a project construct's own class name, not the jsii name of its base class", () => {
    class AuditWidget extends Construct {}
    class RecordsBucket extends s3.Bucket {}
    const s = stack();
    const typeOf = (scope: Construct) => {
      declareControls(scope, { citations: ['164.312(b)'], statement: 'Keeps a record of access.' });
      return scope.node.metadata.find((m) => m.type === CONTROLS_METADATA_TYPE)!.data.construct;
    };
    expect(typeOf(new AuditWidget(s, 'Widget'))).toBe('AuditWidget');
    expect(typeOf(new RecordsBucket(s, 'Records'))).toBe('RecordsBucket');
    expect(typeOf(new s3.Bucket(s, 'Plain'))).toBe('aws-cdk-lib.aws_s3.Bucket');
  });

  test('an unknown citation fails', () => {
    const s = stack();
    expect(() =>
      declareControls(s, { citations: ['164.399(a)' as CitationInput], statement: 'Does something useful.' }),
    ).toThrow('S: declareControls: unknown HIPAA citation(s) "164.399(a)"');
  });
});

describe('acknowledge', () => {
  test('rejects a reason shorter than 20 characters', () => {
    expect(() => acknowledge(stack(), 'AwsSolutions-S1', 'not needed')).toThrow(
      /needs a reason of at least 20 characters/,
    );
  });

  test('rejects a rule id no pack applies', () => {
    expect(() => acknowledge(stack(), 'AwsSolutions-S999', 'a perfectly long reason here')).toThrow(
      'S: cannot acknowledge unknown rule id "AwsSolutions-S999"',
    );
  });

  test('records the acknowledgement for the validation framework', () => {
    const s = stack();
    acknowledge(s, 'AwsSolutions-S1', 'a perfectly long reason here');
    expect(JSON.stringify(s.node.metadata)).toContain('AwsSolutions-S1');
  });
});
