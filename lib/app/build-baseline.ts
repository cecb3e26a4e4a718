import { Tags, type App } from 'aws-cdk-lib';
import type { BaselineConfig } from '../config/schema';
import { AiWorkloadsStack } from '../stacks/ai-workloads-stack';
import { DisasterRecoveryStack } from '../stacks/disaster-recovery-stack';
import { LogArchiveStack } from '../stacks/log-archive-stack';
import { NetworkStack } from '../stacks/network-stack';
import { SecurityToolingStack } from '../stacks/security-tooling-stack';
import { WorkloadDataStack } from '../stacks/workload-data-stack';
import { requireHomeRegion } from '../stacks/home-region-rule';
import { registerGate } from './gate';

/** The stacks of one baseline, by role. */
export interface BaselineStacks {
  readonly logArchive: LogArchiveStack;
  readonly securityTooling: SecurityToolingStack;
  readonly workloadData: WorkloadDataStack;
  readonly disasterRecovery: DisasterRecoveryStack;
  readonly network: NetworkStack;
  readonly aiWorkloads: AiWorkloadsStack;
}

/** How {@link buildBaseline} builds the app. */
export interface BuildOptions {
  /**
   * Register the synth gate (rule packs). Only benchmarks measuring the gate's cost turn it off.
   * @default true
   */
  readonly gate?: boolean;
}

/** Adds the whole baseline for a validated configuration to an app, with the synth gate. */
export function buildBaseline(app: App, config: BaselineConfig, options: BuildOptions = {}): BaselineStacks {
  const env = { account: config.account, region: config.region };
  const common = (role: string) => ({
    env,
    config,
    stackName: `${config.namePrefix}-${role}`,
    description: `hipaa-baseline ${role} stack`,
  });
  const logArchive = new LogArchiveStack(app, 'LogArchive', common('log-archive'));
  const disasterRecovery = new DisasterRecoveryStack(app, 'DisasterRecovery', {
    ...common('disaster-recovery'),
    env: { account: config.account, region: config.dataProtection.drRegion },
  });
  const network = new NetworkStack(app, 'Network', { ...common('network'), logBucket: logArchive.archive.bucket });
  // Flow logs and DNS query logs need the archive's policies; the default-group closure needs the Config recorder.
  network.addStackDependency(logArchive);
  const workloadData = new WorkloadDataStack(app, 'WorkloadData', {
    ...common('workload-data'),
    network: network.network,
  });
  // Replication and backup copies address the DR region by name: it must exist first.
  workloadData.addStackDependency(disasterRecovery);
  const securityTooling = new SecurityToolingStack(app, 'SecurityTooling', {
    ...common('security-tooling'),
    trailLogGroup: logArchive.trail.logGroup,
    findingsBucket: logArchive.findingsBucket,
    findingsKey: logArchive.logsKey.key,
    dataKey: workloadData.dataKey,
    ebsKey: workloadData.ebsKey,
    network: network.network,
    deidentification: workloadData.deidentification,
  });

  const aiWorkloads = new AiWorkloadsStack(app, 'AiWorkloads', {
    ...common('ai-workloads'),
    network: network.network,
    zones: workloadData.zones,
    deidentifiedKey: workloadData.deidentifiedKey,
  });
  // The analytics role is addressed by its fixed name: it must exist before its policies are attached.
  aiWorkloads.addStackDependency(workloadData);

  for (const stack of [logArchive, network, workloadData, securityTooling, aiWorkloads]) {
    requireHomeRegion(stack, config);
  }

  Tags.of(app).add('hipaa-baseline:managed-by', 'hipaa-baseline');
  for (const [key, value] of Object.entries(config.tags)) Tags.of(app).add(key, value);
  if (options.gate ?? true) registerGate(app, config);
  return { logArchive, securityTooling, workloadData, disasterRecovery, network, aiWorkloads };
}
