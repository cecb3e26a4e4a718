/**
 * HIPAABaseline-ObjectLockGovernanceMode — the template form of the synth warning of the same id: an
 * audit-log bucket whose default Object Lock retention uses GOVERNANCE mode, which principals with
 * s3:BypassGovernanceRetention can shorten or bypass.
 *
 * Scenarios:
 * - warning: audit-log bucket with DefaultRetention Mode GOVERNANCE
 * - no finding: COMPLIANCE mode; buckets with another role; other resource types
 */
import { ROLE_TAG, ROLES } from '../../lib/controls/tags';
import { BASELINE_WARNINGS } from '../../lib/controls/warnings';
import { tagValue } from '../rule';
import type { TemplateRule } from './rule';

export const ObjectLockGovernanceMode: TemplateRule = {
  id: 'ObjectLockGovernanceMode',
  level: 'warning',
  info: 'The audit-log bucket locks objects in GOVERNANCE mode.',
  explanation: BASELINE_WARNINGS.get('HIPAABaseline-ObjectLockGovernanceMode')!,
  citations: ['164.312(c)(1)', '164.316(b)(2)(i)'],
  check({ resources }) {
    return [...resources.values()]
      .filter(
        (resource) =>
          resource.Type === 'AWS::S3::Bucket' &&
          tagValue(resource, ROLE_TAG) === ROLES.auditLog &&
          resource.Properties?.ObjectLockConfiguration?.Rule?.DefaultRetention?.Mode === 'GOVERNANCE',
      )
      .map((resource) => ({ logicalId: resource.logicalId, message: ObjectLockGovernanceMode.explanation }));
  },
};
