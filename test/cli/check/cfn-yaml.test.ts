import { parseCloudFormationYaml } from '../../../lib/cli/check/cfn-yaml';

describe('CloudFormation YAML short forms', () => {
  test('scalar forms: !Ref, !Sub, !GetAtt a.b (attribute with dots), !ImportValue, !GetAZs, !Base64, !Condition', () => {
    const yaml = [
      'a: !Ref Bucket',
      "b: !Sub '${AWS::StackName}-logs'",
      'c: !GetAtt Cluster.Endpoint.Address',
      'd: !ImportValue shared-key',
      "e: !GetAZs ''",
      'f: !Base64 hello',
      'g: !Condition IsProd',
    ].join('\n');
    expect(parseCloudFormationYaml(yaml)).toEqual({
      a: { Ref: 'Bucket' },
      b: { 'Fn::Sub': '${AWS::StackName}-logs' },
      c: { 'Fn::GetAtt': ['Cluster', 'Endpoint.Address'] },
      d: { 'Fn::ImportValue': 'shared-key' },
      e: { 'Fn::GetAZs': '' },
      f: { 'Fn::Base64': 'hello' },
      g: { Condition: 'IsProd' },
    });
  });

  test('sequence and mapping forms, nested: !Join, !Select, !Split, !If, !Equals, !Not, !And, !Or, !FindInMap, !Cidr, !Sub, !GetAtt, !Transform', () => {
    const yaml = [
      "a: !Join ['', [!Ref P, !Select [0, !Split [',', !ImportValue list]]]]",
      "b: !If [IsProd, !Sub ['x-${y}', {y: !Ref Y}], !Ref AWS::NoValue]",
      'c: !And [!Equals [!Ref E, prod], !Not [!Or [!Condition A, !Condition B]]]',
      'd: !FindInMap [Map, !Ref AWS::Region, ami]',
      'e: !Cidr [!GetAtt [Vpc, CidrBlock], 6, 5]',
      'f: !Transform {Name: AWS::Include, Parameters: {Location: s3://bucket/snippet.yaml}}',
    ].join('\n');
    expect(parseCloudFormationYaml(yaml)).toEqual({
      a: {
        'Fn::Join': ['', [{ Ref: 'P' }, { 'Fn::Select': [0, { 'Fn::Split': [',', { 'Fn::ImportValue': 'list' }] }] }]],
      },
      b: { 'Fn::If': ['IsProd', { 'Fn::Sub': ['x-${y}', { y: { Ref: 'Y' } }] }, { Ref: 'AWS::NoValue' }] },
      c: {
        'Fn::And': [
          { 'Fn::Equals': [{ Ref: 'E' }, 'prod'] },
          { 'Fn::Not': [{ 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }] },
        ],
      },
      d: { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'ami'] },
      e: { 'Fn::Cidr': [{ 'Fn::GetAtt': ['Vpc', 'CidrBlock'] }, 6, 5] },
      f: { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://bucket/snippet.yaml' } } },
    });
  });

  test('YAML 1.2 core schema: yes, on and y stay strings', () => {
    expect(parseCloudFormationYaml('a: yes\nb: on\ny: 1\nc: true')).toEqual({ a: 'yes', b: 'on', y: 1, c: true });
  });

  test('rejects unknown tags, duplicate keys and several documents, with a position', () => {
    expect(() => parseCloudFormationYaml('a: !Nope x')).toThrow('Unresolved tag: !Nope at line 1, column 4');
    expect(() => parseCloudFormationYaml('a: 1\na: 2')).toThrow('Map keys must be unique at line 2, column 1');
    expect(() => parseCloudFormationYaml('a: 1\n---\nb: 2')).toThrow('holds several YAML documents');
  });
});
