import { z } from 'zod';
import { regionSchema } from './region';

/**
 * Regions with Amazon Comprehend Medical (AWS General Reference, "Amazon Comprehend Medical endpoints and
 * quotas"). The pipeline calls DetectPHI in one of them.
 */
export const COMPREHEND_MEDICAL_REGIONS: readonly string[] = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'ca-central-1',
  'eu-west-1',
  'eu-west-2',
  'ap-southeast-2',
  'us-gov-west-1',
];

/** Endpoints the pipeline's environment needs when it has no NAT egress. */
export const DEIDENTIFICATION_ENDPOINTS = ['s3', 'comprehendmedical', 'events'] as const;

/** The de-identification pipeline (raw-phi zone → de-identified zone). HIPAA 164.312(a)(1), 164.308(a)(4)(ii)(B). */
export const deidentificationSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .optional()
      .describe(
        'Deploy the de-identification pipeline: objects written to the raw-phi zone are de-identified (Safe Harbor: Amazon Comprehend Medical plus rules for the 18 identifiers) into the de-identified zone, with a manifest; objects it cannot process are quarantined with an alert. Default: on wherever it can reach Amazon Comprehend Medical (comprehendMedicalRegion, else the primary or the disaster-recovery region; from another region only with NAT egress); elsewhere off, with the synth warning HIPAABaseline-DeidentificationUnavailable naming why. true makes any such obstacle a configuration error.',
      ),
    comprehendMedicalRegion: regionSchema
      .optional()
      .describe(
        `Region whose Amazon Comprehend Medical de-identifies free text (default: the primary region when the service is there, else the disaster-recovery region when it is; available in ${COMPREHEND_MEDICAL_REGIONS.join(', ')}). Text leaves the primary region when they differ.`,
      ),
    environment: z
      .string()
      .optional()
      .describe(
        'Environment whose app tier runs the pipeline function (default: the workload environment: "prod", else the first production environment, else the first). Without NAT egress it gets the s3, comprehendmedical and events endpoints.',
      ),
    maxObjectMegabytes: z
      .number({ error: 'must be a number of megabytes' })
      .int({ error: 'must be a whole number of megabytes' })
      .min(1, { error: 'must be at least 1' })
      .max(5120, { error: 'must be at most 5120 (5 GiB, the largest object S3 copies into quarantine in one call)' })
      .default(1024)
      .describe(
        'Largest raw object de-identified (MiB); larger ones are quarantined. One invocation (15 minutes) must finish it: see the throughput in the README.',
      ),
    maxConcurrency: z
      .number({ error: 'must be a number of concurrent invocations' })
      .int({ error: 'must be a whole number' })
      .min(2, { error: 'must be at least 2 (the SQS event source minimum)' })
      .max(1000, { error: 'must be at most 1000' })
      .default(5)
      .describe(
        'Most concurrent invocations the queue starts (the event source maximum concurrency, not reserved concurrency): keeps Comprehend Medical within its request quotas and leaves the account pool to others.',
      ),
    comprehendMedicalCharactersPerSecond: z
      .number({ error: 'must be a number of characters per second' })
      .int({ error: 'must be a whole number' })
      .min(1000, { error: 'must be at least 1000' })
      .default(40_000)
      .describe(
        "The account's Amazon Comprehend Medical quota for DetectPHI, characters per second (the default quota is 40,000; raise it here after raising the quota). The pipeline divides it among maxConcurrency invocations so it stays under the quota instead of being throttled.",
      ),
    maxReceiveCount: z
      .number({ error: 'must be a number of deliveries' })
      .int({ error: 'must be a whole number' })
      .min(1, { error: 'must be at least 1' })
      .max(10, { error: 'must be at most 10' })
      .default(3)
      .describe(
        'Deliveries of an object event before it moves to the dead-letter queue; on the last one an object that keeps failing is quarantined with an alert.',
      ),
  })
  .prefault({});

export type DeidentificationConfig = z.output<typeof deidentificationSchema>;

interface PlacementConfig {
  readonly homeRegion: string;
  /** Regions data may be processed in: the text sent to Comprehend Medical is PHI. */
  readonly dataResidency?: { readonly allowedRegions: readonly string[] };
  readonly dataProtection: { readonly drRegion: string; readonly deidentification: DeidentificationConfig };
  readonly environments: readonly {
    readonly name: string;
    readonly production: boolean;
    readonly egress: 'nat' | 'none';
  }[];
}

/** The environment the pipeline runs in: configured, else "prod", else the first production one, else the first. */
export function deidentificationEnvironment(config: {
  readonly dataProtection: { readonly deidentification: DeidentificationConfig };
  readonly environments: PlacementConfig['environments'];
}): string {
  const { environments } = config;
  return (
    config.dataProtection.deidentification.environment ??
    environments.find((env) => env.name === 'prod')?.name ??
    environments.find((env) => env.production)?.name ??
    environments[0]?.name ??
    'prod'
  );
}

/** Where Comprehend Medical is called: configured, else the primary region, else the DR region; undefined if neither has it. */
export function comprehendMedicalRegion(config: Omit<PlacementConfig, 'environments'>): string | undefined {
  const configured = config.dataProtection.deidentification.comprehendMedicalRegion;
  if (configured) return configured;
  return [config.homeRegion, config.dataProtection.drRegion].find((r) => COMPREHEND_MEDICAL_REGIONS.includes(r));
}

/** Why the pipeline cannot be placed as configured, the setting concerned, and whether the user gave it. */
export interface DeidentificationBlocker {
  readonly field: 'environment' | 'comprehendMedicalRegion';
  readonly message: string;
  /** The blocker comes from a setting the configuration gives (an error), not from defaults (a warning). */
  readonly explicit: boolean;
}

/**
 * Why the pipeline cannot be placed as configured: an unknown environment, no region with Comprehend
 * Medical within reach, or no way from the environment to Comprehend Medical in another region.
 * Undefined when it can be placed.
 */
export function deidentificationBlocker(config: PlacementConfig): DeidentificationBlocker | undefined {
  const settings = config.dataProtection.deidentification;
  const name = deidentificationEnvironment(config);
  const environment = config.environments.find((env) => env.name === name);
  if (!environment) {
    return {
      field: 'environment',
      message: `unknown environment "${name}" (environments: ${config.environments.map((e) => e.name).join(', ')})`,
      explicit: settings.environment !== undefined,
    };
  }
  const configured = settings.comprehendMedicalRegion;
  if (configured && !COMPREHEND_MEDICAL_REGIONS.includes(configured)) {
    return {
      field: 'comprehendMedicalRegion',
      message: `Amazon Comprehend Medical is not available in ${configured} (regions: ${COMPREHEND_MEDICAL_REGIONS.join(', ')})`,
      explicit: true,
    };
  }
  const allowed = config.dataResidency?.allowedRegions;
  if (configured && allowed && !allowed.includes(configured)) {
    return {
      field: 'comprehendMedicalRegion',
      message: `${configured} is not in dataResidency.allowedRegions (${allowed.join(', ')}): the pipeline sends PHI text to Comprehend Medical there`,
      explicit: true,
    };
  }
  const region = comprehendMedicalRegion(config);
  if (!region) {
    return {
      field: 'comprehendMedicalRegion',
      message: `Amazon Comprehend Medical is available neither in ${config.homeRegion} nor in ${config.dataProtection.drRegion}: name a region that has it (${COMPREHEND_MEDICAL_REGIONS.join(', ')}; text then leaves the primary region)`,
      explicit: false,
    };
  }
  if (environment.egress === 'none' && region !== config.homeRegion) {
    return {
      field: 'environment',
      message: `environment "${name}" has no NAT egress, and VPC endpoints reach only the primary region's services: Comprehend Medical in ${region} needs egress "nat"`,
      explicit: settings.environment !== undefined || configured !== undefined,
    };
  }
  return undefined;
}

/**
 * Whether the pipeline is deployed: as configured; by default wherever it can be placed (elsewhere the
 * synth warning HIPAABaseline-DeidentificationUnavailable says why).
 */
export function deidentificationEnabled(config: PlacementConfig): boolean {
  return config.dataProtection.deidentification.enabled ?? deidentificationBlocker(config) === undefined;
}

/**
 * Cross-field rules of the pipeline: what the configuration asks for must work — `enabled: true`, an
 * environment, a Comprehend Medical region. Left to its defaults, a pipeline that cannot be placed is not
 * deployed (synth warns why) instead of failing the configuration.
 */
export function validateDeidentification(config: PlacementConfig, ctx: z.RefinementCtx): void {
  const settings = config.dataProtection.deidentification;
  if (settings.enabled === false || config.dataProtection.drRegion === '') return;
  const blocker = deidentificationBlocker(config);
  if (blocker && (blocker.explicit || settings.enabled === true)) {
    ctx.addIssue({
      code: 'custom',
      path: ['dataProtection', 'deidentification', blocker.field],
      message: blocker.message,
    });
  }
}

/**
 * Gives the pipeline's environment the endpoints it calls (S3, Comprehend Medical, EventBridge) when it has
 * no NAT egress, so the function can always reach them.
 */
export function withDeidentificationEndpoints<
  T extends {
    homeRegion: string;
    dataProtection: { drRegion: string; deidentification: DeidentificationConfig };
    environments: { name: string; production: boolean; egress: 'nat' | 'none'; endpoints: string[] }[];
  },
>(config: T): T {
  if (!deidentificationEnabled(config)) return config;
  const name = deidentificationEnvironment(config);
  return {
    ...config,
    environments: config.environments.map((env) =>
      env.name === name && env.egress === 'none'
        ? {
            ...env,
            endpoints: [...env.endpoints, ...DEIDENTIFICATION_ENDPOINTS.filter((e) => !env.endpoints.includes(e))],
          }
        : env,
    ),
  };
}
