/**
 * Lambda entry point of the automated incident response (HIPAA 164.308(a)(6)(ii) response and reporting):
 * on a GuardDuty finding about an EC2 instance, of a configured type and severity, take the instance out of
 * its Auto Scaling group (Standby, scale-in protection) and its load balancers so it is not terminated,
 * isolate it (replace the security groups of every network interface with its VPC's quarantine group,
 * keeping the old ones in a tag), snapshot its EBS volumes with tags linking the finding, and publish what
 * was done to the alert topic. Runs on Node.js 20; bundled with esbuild, the AWS SDK v3 may be left to the
 * runtime.
 *
 * Settings: ./config.ts. Order of the steps, idempotency, dry run and time: ./isolate.ts (the calls:
 * ./actions.ts, ./detach.ts). Retries and what is thrown: ./clients.ts and ./handler.ts. AWS actions:
 * ./permissions.ts.
 */
import { createClients, type Clients } from './clients';
import { createHandler } from './handler';

let clients: Clients | undefined;

export const handler = createHandler({
  clients: () => (clients ??= createClients()),
  env: process.env,
});
