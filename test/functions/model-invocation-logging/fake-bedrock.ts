/**
 * A local double of the Amazon Bedrock control plane's model invocation logging (REST-JSON, service
 * `bedrock`), answering the real SDK v3 client: GET, PUT and DELETE /logging/modelinvocations. It keeps the
 * configuration, so a second invocation sees what the first did, and it can refuse a configuration the way
 * Bedrock does when it tests the destinations (ValidationException).
 */
import { AwsDouble, json, restJsonError, type DoubleAnswer, type DoubleRequest } from '../../helpers/aws-double';

const ROUTES: Record<string, string> = {
  'GET /logging/modelinvocations': 'GetModelInvocationLoggingConfiguration',
  'PUT /logging/modelinvocations': 'PutModelInvocationLoggingConfiguration',
  'DELETE /logging/modelinvocations': 'DeleteModelInvocationLoggingConfiguration',
};

export class FakeBedrock extends AwsDouble {
  /** The account's configuration (undefined: logging off). */
  loggingConfig?: Record<string, unknown>;
  /** When set, PUT answers ValidationException with this message (a destination Bedrock cannot write to). */
  refuseDestinations?: string;

  /** Requests that would change the account. */
  mutatingCalls(): DoubleRequest[] {
    return this.received.filter((r) => r.method !== 'GET');
  }

  protected identify(req: DoubleRequest): string {
    if (req.service !== 'bedrock') return `unexpected service ${req.service}`;
    return ROUTES[`${req.method} ${req.path}`] ?? `unknown ${req.method} ${req.path}`;
  }

  protected error(_req: DoubleRequest, status: number, code: string, message: string): DoubleAnswer {
    return restJsonError(status, code, message);
  }

  protected answer(req: DoubleRequest): DoubleAnswer {
    switch (req.action) {
      case 'GetModelInvocationLoggingConfiguration':
        return json(this.loggingConfig ? { loggingConfig: this.loggingConfig } : {});
      case 'PutModelInvocationLoggingConfiguration':
        if (this.refuseDestinations) return restJsonError(400, 'ValidationException', this.refuseDestinations);
        if (!req.json?.loggingConfig) return restJsonError(400, 'ValidationException', 'loggingConfig is required');
        this.loggingConfig = req.json.loggingConfig;
        return json({});
      case 'DeleteModelInvocationLoggingConfiguration':
        this.loggingConfig = undefined;
        return json({});
      default:
        return restJsonError(400, 'UnknownOperationException', req.action);
    }
  }
}
