import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { EsbuildSource, TypeScriptCode } from '@mrgrain/cdk-esbuild';
import { rmdirSync } from 'node:fs';
import type { Construct } from 'constructs';
import { acknowledge } from '../controls/acknowledge';
import { HANDLER_BUILD_OPTIONS, PROJECT_ROOT, handlerEntry, type HandlerName } from '../functions/bundling';
import type { BaselineKey } from './baseline-key';

/**
 * cdk-esbuild makes an empty temporary folder (`cdk-dynamic-esbuild@…`) the moment it loads, for an esbuild
 * it would install only if none could be resolved. This project always resolves its own esbuild, so the
 * folder is never used: remove it, or every synth leaves one behind.
 */
function removeUnusedEsbuildInstallFolder(): void {
  const folder = (EsbuildSource as unknown as { dynamicPackage?: { installPath?: string } }).dynamicPackage
    ?.installPath;
  try {
    if (folder) rmdirSync(folder); // only if empty: never anything esbuild put there
  } catch {
    // already gone, or in use: leave it
  }
}
removeUnusedEsbuildInstallFolder();

// The parts every function of this project has, added to the construct that owns the function under the
// ids `DeadLetterQueue`, `Logs` and `Role`, so the owning construct's logical ids stay what they are.

/**
 * Lambda runtime of every handler. Node.js 20 on Lambda is deprecated (creation ends 2027-02-01); the
 * handlers are built for Node 20 syntax (esbuild target node20) and run unchanged on the current runtime.
 */
export const HANDLER_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface HandlerSupport {
  readonly deadLetterQueue: sqs.Queue;
  readonly logGroup: logs.LogGroup;
}

/**
 * The function's dead-letter queue (KMS, TLS only, 14 days) and log group (KMS, retained on delete, the
 * configured retention), both encrypted with `key`. HIPAA 164.312(a)(2)(iv), 164.312(b).
 */
export function addHandlerSupport(
  scope: Construct,
  props: { readonly key: BaselineKey; readonly logRetentionDays: number; readonly purpose: string },
): HandlerSupport {
  props.key.allowCloudWatchLogs();
  const deadLetterQueue = new sqs.Queue(scope, 'DeadLetterQueue', {
    encryption: sqs.QueueEncryption.KMS,
    encryptionMasterKey: props.key.key,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(deadLetterQueue, 'AwsSolutions-SQS3', `This queue is the dead-letter queue of the ${props.purpose}.`);
  const logGroup = new logs.LogGroup(scope, 'Logs', {
    encryptionKey: props.key.key,
    retention: props.logRetentionDays as logs.RetentionDays,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  return { deadLetterQueue, logGroup };
}

/**
 * What every handler's role needs for its own parts: send to its dead-letter queue, use `key` for the queue
 * and the encrypted environment (and whatever else the owner encrypts with it, named by `keySid`), and write
 * to its own log group's streams only.
 */
export function handlerSupportStatements(
  support: HandlerSupport,
  key: BaselineKey,
  keySid = 'EncryptedQueueAndEnvironment',
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({
      sid: 'DeadLetters',
      actions: ['sqs:SendMessage'],
      resources: [support.deadLetterQueue.queueArn],
    }),
    new iam.PolicyStatement({
      sid: keySid,
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [key.key.keyArn],
    }),
    new iam.PolicyStatement({
      sid: 'Logs',
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [`${support.logGroup.logGroupArn}:log-stream:*`],
    }),
  ];
}

/** A role only Lambda in this account can assume (aws:SourceAccount); permissions come from a managed policy. */
export function addHandlerRole(scope: Construct, description: string): iam.Role {
  return new iam.Role(scope, 'Role', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com').withConditions({
      StringEquals: { 'aws:SourceAccount': Stack.of(scope).account },
    }),
    description,
  });
}

/** The handler's code: lib/functions/<name>/index.ts bundled in process by esbuild at synth, exported as `index.handler`. */
export function handlerCode(name: HandlerName): lambda.Code {
  return new TypeScriptCode(
    { index: handlerEntry(name) },
    { buildOptions: { ...HANDLER_BUILD_OPTIONS, absWorkingDir: PROJECT_ROOT } },
  );
}

/** Handler name the Lambda runtime calls in a bundle from {@link handlerCode}. */
export const HANDLER_EXPORT = 'index.handler';
