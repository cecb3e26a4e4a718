import { BEDROCK_GUARDRAIL_REGIONS, BEDROCK_REGIONS } from '../../lib/config/ai-regions';
import { ConfigError, parseConfig } from '../../lib/config/load';

function problems(raw: unknown): string[] {
  try {
    parseConfig(raw);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  return [];
}

describe('hipaaBaseline.ai', () => {
  test('default configuration (us-east-1): logging, guardrail and domain on, in the prod environment', () => {
    const { ai } = parseConfig({});

    expect(ai).toEqual({
      bedrock: {
        invocationLogging: { enabled: true, retentionDays: 2192 },
        guardrail: {
          enabled: true,
          piiAction: 'ANONYMIZE',
          contentFilterStrength: 'MEDIUM',
          blockedMessage: expect.stringContaining('protected health information'),
        },
      },
      sagemaker: { domain: { enabled: true, environment: 'prod' } },
    });
  });

  test('log retention follows auditLogRetentionYears unless set', () => {
    expect(parseConfig({ auditLogRetentionYears: 10 }).ai.bedrock.invocationLogging.retentionDays).toBe(3653);
    const set = { ai: { bedrock: { invocationLogging: { retentionDays: 400, objectLockMode: 'GOVERNANCE' } } } };
    expect(parseConfig(set).ai.bedrock.invocationLogging).toEqual({
      enabled: true,
      retentionDays: 400,
      objectLockMode: 'GOVERNANCE',
    });
  });

  test('a region with Bedrock but no guardrails: logging on, guardrail off by default', () => {
    const region = BEDROCK_REGIONS.find((r) => !BEDROCK_GUARDRAIL_REGIONS.includes(r))!;
    const { ai } = parseConfig({ region, dataProtection: { drRegion: 'ap-southeast-2' } });

    expect([ai.bedrock.invocationLogging.enabled, ai.bedrock.guardrail.enabled]).toEqual([true, false]);
  });

  test('a region without Bedrock: both off by default; asking for them fails with one line each, naming the field', () => {
    const base = { region: 'af-south-1', dataProtection: { drRegion: 'eu-west-1' } };
    expect(parseConfig(base).ai.bedrock.invocationLogging.enabled).toBe(false);
    expect(parseConfig(base).ai.bedrock.guardrail.enabled).toBe(false);

    expect(
      problems({ ...base, ai: { bedrock: { invocationLogging: { enabled: true }, guardrail: { enabled: true } } } }),
    ).toEqual([
      'hipaaBaseline.ai.bedrock.invocationLogging.enabled: Amazon Bedrock (and its model invocation logging) is not available in af-south-1; set it to false',
      'hipaaBaseline.ai.bedrock.guardrail.enabled: Amazon Bedrock Guardrails are not available in af-south-1; set it to false',
    ]);
  });

  test('environment-agnostic: the region of the availability zones decides, and the message says so', () => {
    const raw = {
      availabilityZones: ['af-south-1a', 'af-south-1b'],
      dataProtection: { drRegion: 'eu-west-1' },
      ai: { bedrock: { guardrail: { enabled: true } } },
    };
    expect(problems(raw)).toEqual([
      'hipaaBaseline.ai.bedrock.guardrail.enabled: Amazon Bedrock Guardrails are not available in af-south-1 (the region of availabilityZones); set it to false',
    ]);
  });

  test('switching everything off', () => {
    const { ai } = parseConfig({
      ai: {
        bedrock: { invocationLogging: { enabled: false }, guardrail: { enabled: false } },
        sagemaker: { domain: { enabled: false } },
      },
    });
    expect([ai.bedrock.invocationLogging.enabled, ai.bedrock.guardrail.enabled, ai.sagemaker.domain.enabled]).toEqual([
      false,
      false,
      false,
    ]);
  });

  test.each([
    [
      { bedrock: { guardrail: { piiAction: 'MASK' } } },
      'hipaaBaseline.ai.bedrock.guardrail.piiAction: must be "ANONYMIZE" or "BLOCK"',
    ],
    [
      { bedrock: { guardrail: { contentFilterStrength: 'NONE' } } },
      'hipaaBaseline.ai.bedrock.guardrail.contentFilterStrength: must be "LOW", "MEDIUM" or "HIGH"',
    ],
    [
      { bedrock: { guardrail: { blockedMessage: '' } } },
      'hipaaBaseline.ai.bedrock.guardrail.blockedMessage: must not be empty',
    ],
    [
      { bedrock: { invocationLogging: { retentionDays: 30 } } },
      'hipaaBaseline.ai.bedrock.invocationLogging.retentionDays: must be at least 365 days',
    ],
    [
      { bedrock: { invocationLogging: { objectLockMode: 'LEGAL_HOLD' } } },
      'hipaaBaseline.ai.bedrock.invocationLogging.objectLockMode: must be "GOVERNANCE" or "COMPLIANCE"',
    ],
    [{ bedrock: { guardrails: {} } }, 'hipaaBaseline.ai.bedrock.guardrails: unknown key'],
    [
      { sagemaker: { domain: { environment: 'staging' } } },
      'hipaaBaseline.ai.sagemaker.domain.environment: unknown environment "staging" (environments: prod, nonprod, shared)',
    ],
  ])('%j is refused: %s', (ai, problem) => {
    expect(problems({ ai })).toEqual([problem]);
  });

  test('the domain needs an environment with NAT egress (it reaches the SageMaker APIs through it)', () => {
    expect(problems({ ai: { sagemaker: { domain: { environment: 'shared' } } } })).toEqual([
      expect.stringMatching(
        /^hipaaBaseline\.ai\.sagemaker\.domain\.environment: environment "shared" has egress "none": /,
      ),
    ]);
    expect(problems({ ai: { sagemaker: { domain: { environment: 'nonprod' } } } })).toEqual([]);
  });

  test('by default the domain is on only where its environment has NAT egress; asked for elsewhere, synth fails', () => {
    const isolated = {
      environments: [{ name: 'prod', cidr: '10.10.0.0/16', production: false }], // egress defaults to "none"
      segmentation: [],
    };
    expect(parseConfig(isolated).ai.sagemaker.domain).toEqual({ enabled: false, environment: 'prod' });
    expect(problems({ ...isolated, ai: { sagemaker: { domain: { enabled: true } } } })).toEqual([
      expect.stringMatching(
        /^hipaaBaseline\.ai\.sagemaker\.domain\.environment: environment "prod" has egress "none": /,
      ),
    ]);
  });

  test('without "prod" the domain goes to the first production environment', () => {
    const config = parseConfig({
      environments: [
        { name: 'dev', cidr: '10.1.0.0/16', production: false, egress: 'nat' },
        { name: 'live', cidr: '10.2.0.0/16', egress: 'nat' },
      ],
      segmentation: [],
    });
    expect(config.ai.sagemaker.domain.environment).toBe('live');
  });
});
