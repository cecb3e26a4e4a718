import { defaultTemplateJson } from '../helpers/assembly';
import { byPath, flat, resources } from '../helpers/template-query';

/** Every statement of the managed policies attached to a role (by role logical id). */
function statementsOf(template: any, roleId: string): any[] {
  return resources(template, 'AWS::IAM::ManagedPolicy')
    .filter(([, p]) => (p.Properties.Roles ?? []).some((r: any) => r.Ref === roleId))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement);
}
const targets = (statement: any) => ([] as unknown[]).concat(statement.Resource).map(flat).join(' ');
const actions = (statement: any) => ([] as string[]).concat(statement.Action);

describe('PhiDataZones (default baseline)', () => {
  const template = defaultTemplateJson('WorkloadData');
  const [rawId] = byPath(template, 'Zones/RawPhi/Resource');
  const [deidId] = byPath(template, 'Zones/Deidentified/Resource');
  const [analyticsRoleId, analyticsRole] = byPath(template, 'Zones/AnalyticsRole/Resource');
  const rawKey = /DataKey/;
  const analytics = statementsOf(template, analyticsRoleId);

  test('the zones are separate buckets under separate keys', () => {
    const keyOf = (id: string) =>
      flat(
        template.Resources[id].Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]
          .ServerSideEncryptionByDefault.KMSMasterKeyID,
      );
    expect(keyOf(rawId)).toMatch(rawKey);
    expect(keyOf(deidId)).toMatch(/DeidentifiedKey/);
  });

  test('the analytics/ML role is allowed nothing of the raw zone', () => {
    const allows = analytics.filter((s) => s.Effect === 'Allow');
    expect(allows.length).toBeGreaterThan(0);
    for (const statement of allows) {
      expect(targets(statement)).not.toContain(rawId);
      expect(targets(statement)).not.toMatch(rawKey);
    }
  });

  test('the analytics/ML role can read de-identified objects and decrypt them', () => {
    const allows = analytics.filter((s) => s.Effect === 'Allow');
    expect(allows.some((s) => actions(s).includes('s3:GetObject') && targets(s).includes(deidId))).toBe(true);
    expect(allows.some((s) => actions(s).includes('kms:Decrypt') && targets(s).match(/DeidentifiedKey/))).toBe(true);
  });

  test('its own policy explicitly denies the raw bucket and the raw key', () => {
    const denies = analytics.filter((s) => s.Effect === 'Deny');
    expect(denies.find((s) => s.Sid === 'DenyRawPhi')).toMatchObject({ Action: 's3:*' });
    expect(targets(denies.find((s) => s.Sid === 'DenyRawPhi'))).toContain(rawId);
    expect(targets(denies.find((s) => s.Sid === 'DenyRawKey'))).toMatch(rawKey);
  });

  test('the raw bucket policy and the raw key policy deny the analytics role too', () => {
    const [, bucketPolicy] = byPath(template, 'Zones/RawPhi/Policy/Resource');
    const bucketDeny = bucketPolicy.Properties.PolicyDocument.Statement.find((s: any) => s.Sid === 'DenyAnalyticsRole');
    expect(bucketDeny).toMatchObject({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: { ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [analyticsRoleId, 'Arn'] } } },
    });
    const [, key] = byPath(template, 'DataKey/Key/Resource');
    const keyDeny = key.Properties.KeyPolicy.Statement.find((s: any) => s.Sid === 'DenyAnalyticsRole');
    expect(keyDeny).toMatchObject({
      Effect: 'Deny',
      Condition: { ArnEquals: { 'aws:PrincipalArn': { 'Fn::GetAtt': [analyticsRoleId, 'Arn'] } } },
    });
    expect(keyDeny.Action).toEqual(expect.arrayContaining(['kms:Decrypt']));
  });

  test('SageMaker may assume the analytics role only on behalf of this account', () => {
    const trust = analyticsRole.Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        }),
      ]),
    );
  });

  test('the de-identification role reads raw and writes de-identified data', () => {
    const [roleId] = byPath(template, 'Zones/DeidentificationRole/Resource');
    const allows = statementsOf(template, roleId).filter((s) => s.Effect === 'Allow');
    expect(allows.some((s) => actions(s).includes('s3:GetObject') && targets(s).includes(rawId))).toBe(true);
    expect(allows.some((s) => actions(s).includes('s3:PutObject') && targets(s).includes(deidId))).toBe(true);
  });
});
