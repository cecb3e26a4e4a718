/**
 * Lambda entry point of the account-settings custom resource: the account settings that have no native
 * CloudFormation resource — the IAM password policy, EBS encryption by default with the data key, the
 * account-level S3 Block Public Access, Amazon Inspector scanning, Macie automated discovery and a
 * scheduled Macie classification job. The function answers CloudFormation itself (./response.ts); no
 * provider framework. Runs on Node.js 20; bundled with esbuild, the AWS SDK v3 left to the runtime.
 *
 * Properties: ./properties.ts. What each request does: ./apply.ts and one module per setting. Time, faults
 * and the answer: ./handler.ts. AWS actions: ./permissions.ts. Give the function a timeout of five
 * minutes (Inspector's wait is two, throttled calls back off up to ten seconds, the answer keeps twenty),
 * and the custom resource a ServiceTimeout, so a lost answer never holds the stack for an hour.
 */
import { createClients, type Clients } from './clients';
import { createHandler } from './handler';

let clients: Clients | undefined;

export const handler = createHandler({ clients: () => (clients ??= createClients()) });
