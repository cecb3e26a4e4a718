/**
 * A local double of the GuardDuty, Macie and Amazon Inspector organisation APIs (REST-JSON, services
 * `guardduty`, `macie2`, `inspector2`), answering the real SDK v3 clients: the delegated administrator of
 * each service per region (List…, Enable…) and the administrator's organisation configuration (Describe…,
 * Update…). It keeps its state, so a second invocation sees what the first did; with `administrator` false
 * the organisation configuration is refused the way the services refuse a non-administrator.
 */
import { AwsDouble, json, restJsonError, type DoubleAnswer, type DoubleRequest } from '../../helpers/aws-double';

const ROUTES: Record<string, string> = {
  'guardduty GET /admin': 'GuardDuty.ListOrganizationAdminAccounts',
  'guardduty POST /admin/enable': 'GuardDuty.EnableOrganizationAdminAccount',
  'macie2 GET /admin': 'Macie.ListOrganizationAdminAccounts',
  'macie2 POST /admin': 'Macie.EnableOrganizationAdminAccount',
  'macie2 GET /admin/configuration': 'Macie.DescribeOrganizationConfiguration',
  'macie2 PATCH /admin/configuration': 'Macie.UpdateOrganizationConfiguration',
  'inspector2 POST /delegatedadminaccounts/list': 'Inspector.ListDelegatedAdminAccounts',
  'inspector2 POST /delegatedadminaccounts/enable': 'Inspector.EnableDelegatedAdminAccount',
  'inspector2 POST /organizationconfiguration/describe': 'Inspector.DescribeOrganizationConfiguration',
  'inspector2 POST /organizationconfiguration/update': 'Inspector.UpdateOrganizationConfiguration',
};

type Service = 'GuardDuty' | 'Macie' | 'Inspector';

export interface GuardDutyOrgFeature {
  name: string;
  autoEnable: string;
  additionalConfiguration?: { name: string; autoEnable: string }[];
}

export class FakeOrganizationServices extends AwsDouble {
  /** Delegated administrator per `service region`. */
  readonly administrators = new Map<string, string>();
  /** The detector of the administrator account. */
  detectorId = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
  /** Regions where this account has no detector (not yet registered as administrator there). */
  readonly regionsWithoutDetector = new Set<string>();
  /** Whether this account is the delegated administrator (the organisation configuration answers). */
  administrator = true;
  guardDutyMembers = 'NEW';
  guardDutyFeatures: GuardDutyOrgFeature[] = [];
  macieAutoEnable = false;
  inspectorAutoEnable: Record<string, boolean> = { ec2: false, ecr: false, lambda: false, lambdaCode: false };

  adminOf(service: Service, region: string): string | undefined {
    return this.administrators.get(`${service} ${region}`);
  }

  /** Requests that would change something. */
  mutatingCalls(): DoubleRequest[] {
    return this.received.filter((r) => /\.(Enable|Update|Register)/.test(r.action));
  }

  /** AWS Organizations: delegated administrators per service principal, and the principals with trusted access. */
  readonly organizationsAdministrators = new Map<string, string[]>();
  readonly trustedAccess = new Set<string>();

  protected identify(req: DoubleRequest): string {
    if (req.service === 'organizations') {
      return `Organizations.${String(req.headers['x-amz-target'] ?? '')
        .split('.')
        .pop()}`;
    }
    const detector = /^\/detector\/([^/]+)\/admin$/.exec(req.path);
    if (req.service === 'guardduty' && detector) {
      return req.method === 'GET'
        ? 'GuardDuty.DescribeOrganizationConfiguration'
        : 'GuardDuty.UpdateOrganizationConfiguration';
    }
    if (req.service === 'guardduty' && req.method === 'GET' && req.path === '/detector')
      return 'GuardDuty.ListDetectors';
    return ROUTES[`${req.service} ${req.method} ${req.path}`] ?? `unknown ${req.service} ${req.method} ${req.path}`;
  }

  protected error(_req: DoubleRequest, status: number, code: string, message: string): DoubleAnswer {
    return restJsonError(status, code, message);
  }

  private register(service: Service, req: DoubleRequest, account: string): DoubleAnswer {
    const current = this.adminOf(service, req.region);
    if (current && current !== account) {
      return restJsonError(400, service === 'GuardDuty' ? 'BadRequestException' : 'ConflictException', 'admin exists');
    }
    this.administrators.set(`${service} ${req.region}`, account);
    return json({ delegatedAdminAccountId: account });
  }

  private refusal(req: DoubleRequest): DoubleAnswer | undefined {
    if (this.administrator) return undefined;
    if (req.service === 'guardduty') {
      return restJsonError(
        400,
        'BadRequestException',
        'The request is rejected because the current account is not the GuardDuty administrator.',
      );
    }
    return restJsonError(
      403,
      'AccessDeniedException',
      'The caller is not the delegated administrator of the organization.',
    );
  }

  protected answer(req: DoubleRequest): DoubleAnswer {
    const refused = /Organization(Configuration)$/.test(req.action) ? this.refusal(req) : undefined;
    if (refused) return refused;
    const listed = (service: Service) => this.adminOf(service, req.region);
    switch (req.action) {
      case 'GuardDuty.ListOrganizationAdminAccounts': {
        const id = listed('GuardDuty');
        return json({ adminAccounts: id ? [{ adminAccountId: id, adminStatus: 'ENABLED' }] : [] });
      }
      case 'GuardDuty.EnableOrganizationAdminAccount':
        return this.register('GuardDuty', req, req.json.adminAccountId);
      case 'Macie.ListOrganizationAdminAccounts': {
        const id = listed('Macie');
        return json({ adminAccounts: id ? [{ accountId: id, status: 'ENABLED' }] : [] });
      }
      case 'Macie.EnableOrganizationAdminAccount':
        return this.register('Macie', req, req.json.adminAccountId);
      case 'Inspector.ListDelegatedAdminAccounts': {
        const id = listed('Inspector');
        return json({ delegatedAdminAccounts: id ? [{ accountId: id, status: 'ENABLED' }] : [] });
      }
      case 'Inspector.EnableDelegatedAdminAccount':
        return this.register('Inspector', req, req.json.delegatedAdminAccountId);
      case 'GuardDuty.DescribeOrganizationConfiguration':
        if (!req.path.includes(this.detectorId)) return restJsonError(400, 'BadRequestException', 'no such detector');
        return json({
          autoEnable: this.guardDutyMembers !== 'NONE',
          memberAccountLimitReached: false,
          autoEnableOrganizationMembers: this.guardDutyMembers,
          features: this.guardDutyFeatures,
        });
      case 'GuardDuty.UpdateOrganizationConfiguration':
        this.guardDutyMembers = req.json.autoEnableOrganizationMembers ?? this.guardDutyMembers;
        for (const feature of req.json.features ?? []) {
          this.guardDutyFeatures = [...this.guardDutyFeatures.filter((f) => f.name !== feature.name), feature];
        }
        return json({});
      case 'Macie.DescribeOrganizationConfiguration':
        return json({ autoEnable: this.macieAutoEnable, maxAccountLimitReached: false });
      case 'Macie.UpdateOrganizationConfiguration':
        this.macieAutoEnable = req.json.autoEnable;
        return json({});
      case 'Inspector.DescribeOrganizationConfiguration':
        return json({ autoEnable: this.inspectorAutoEnable, maxAccountLimitReached: false });
      case 'Inspector.UpdateOrganizationConfiguration':
        this.inspectorAutoEnable = req.json.autoEnable;
        return json({ autoEnable: this.inspectorAutoEnable });
      case 'GuardDuty.ListDetectors':
        return json({ detectorIds: this.regionsWithoutDetector.has(req.region) ? [] : [this.detectorId] });
      case 'Organizations.ListDelegatedAdministrators':
        return json({
          DelegatedAdministrators: (this.organizationsAdministrators.get(req.json.ServicePrincipal) ?? []).map(
            (Id) => ({
              Id,
              Status: 'ACTIVE',
            }),
          ),
        });
      case 'Organizations.EnableAWSServiceAccess':
        this.trustedAccess.add(req.json.ServicePrincipal);
        return json({});
      case 'Organizations.RegisterDelegatedAdministrator': {
        const principal = req.json.ServicePrincipal;
        if (!this.trustedAccess.has(principal)) {
          return restJsonError(
            400,
            'AccessDeniedForDependencyException',
            `trusted access is not enabled for ${principal}`,
          );
        }
        const registered = this.organizationsAdministrators.get(principal) ?? [];
        if (registered.includes(req.json.AccountId)) {
          return restJsonError(400, 'AccountAlreadyRegisteredException', 'The account is already registered');
        }
        this.organizationsAdministrators.set(principal, [...registered, req.json.AccountId]);
        return json({});
      }
      default:
        return restJsonError(400, 'UnknownOperationException', req.action);
    }
  }
}
