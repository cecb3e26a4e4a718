/**
 * Lambda entry point of the organization-services custom resource: the delegated administrators of GuardDuty,
 * Macie and Amazon Inspector (management account) and their organisation configuration — auto-enable for every
 * member account — (the delegated administrator account), which have no CloudFormation resource. The function
 * answers CloudFormation itself; no provider framework. Runs on Node.js 20 syntax; bundled with esbuild, the
 * AWS SDK v3 left to the runtime.
 *
 * Properties: ./properties.ts. What each request does: ./run.ts. Time, faults and the answer: ./handler.ts.
 */
import { createClientPool, type ClientPool } from './clients';
import { createHandler } from './handler';

let pool: ClientPool | undefined;

export const handler = createHandler({ clients: () => (pool ??= createClientPool()).clients });
