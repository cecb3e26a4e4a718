/**
 * Lambda entry point of the model-invocation-logging custom resource: Amazon Bedrock model invocation logging
 * of the stack's account and region, which has no CloudFormation resource. The function answers
 * CloudFormation itself; no provider framework. Runs on Node.js 20 syntax; bundled with esbuild, the AWS SDK
 * v3 left to the runtime.
 *
 * Properties: ./properties.ts. What each request does: ./logging.ts. Time, faults and the answer:
 * ./handler.ts. Give the function a timeout of two minutes (throttled calls back off up to ten seconds, the
 * answer keeps twenty), and the custom resource a ServiceTimeout, so a lost answer never holds the stack.
 */
import { createClients, type Clients } from './clients';
import { createHandler } from './handler';

let clients: Clients | undefined;

export const handler = createHandler({ clients: () => (clients ??= createClients()) });
