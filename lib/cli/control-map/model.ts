import type { Citation, Responsibility, Safeguard } from '../../controls/catalog';
import type { MappingSource } from '../../controls/config-rules';
import type { RulePack } from '../../controls/rule-registry';

/** How far the baseline meets a citation (see the README's status rules). */
export type ControlStatus = 'implemented' | 'partially' | 'not implemented' | 'customer process' | 'AWS';

/** Every status, in the order summaries list them. */
export const STATUSES: readonly ControlStatus[] = [
  'implemented',
  'partially',
  'not implemented',
  'customer process',
  'AWS',
];

/** Every output format, in the order they are written. */
export const FORMATS = ['md', 'json', 'csv', 'html', 'oscal'] as const;
export type Format = (typeof FORMATS)[number];

/** Every regulation the control map covers, in the order they are written. */
export const FRAMEWORKS = ['hipaa', 'gdpr'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

/** A construct that declares the citation (`declareControls`). */
export interface Implementation {
  /** Construct path (`LogArchive/Trail`). */
  readonly constructPath: string;
  /** Stack artifact id (`LogArchive`). */
  readonly stack: string;
  /** Organisation mode: the account implementing it (`management 111111111111`, `member: accounts of …`). */
  readonly account?: string;
  /** The construct's class (jsii name for library constructs). */
  readonly constructType: string;
  readonly statement: string;
  /**
   * What the baseline relies on instead of deploying it (an existing service of the account, one the
   * organisation's delegated administrator runs); absent when the construct implements it itself.
   */
  readonly reliesOn?: string;
  readonly resources: readonly { readonly logicalId: string; readonly type: string }[];
}

/** A synth-time rule of the gate that cites the requirement. */
export interface EnforcingRule {
  readonly id: string;
  readonly pack: RulePack;
  readonly level: 'error' | 'warning';
}

/** An AWS Config rule deployed by the assembly (individually or inside a conformance pack). */
export interface DeployedConfigRule<Id extends string = Citation> {
  /** Deployed rule name (`hipaa-s3-bucket-ssl-requests-only`). */
  readonly name: string;
  /** Managed rule identifier or `CUSTOM_POLICY:<id>`; the deployed source when the registry does not know it. */
  readonly identifier: string;
  /** Where the citations come from; undefined when the registry does not know the rule. */
  readonly mapping?: MappingSource;
  /** True for this project's own mapping (and its custom policies). */
  readonly projectMapping: boolean;
  readonly citations: readonly Id[];
  readonly stack: string;
  /** Logical id of the AWS::Config::ConfigRule, or of the conformance pack holding the rule. */
  readonly logicalId: string;
  /** Name of the conformance pack the rule is deployed in, if any. */
  readonly conformancePack?: string;
  /**
   * The baseline's own resources that deliberately do not pass the rule, and why
   * (`lib/controls/config-rule-exemptions.ts`); empty when the baseline passes it.
   */
  readonly exemptions: readonly ConfigRuleExemptionEntry[];
}

/** A deliberate exemption of baseline resources from a deployed Config rule. */
export interface ConfigRuleExemptionEntry {
  /** Which resources (`AWS::S3::Bucket tagged hipaa-baseline:role=access-log`). */
  readonly resources: string;
  readonly reason: string;
}

/** A finding acknowledged on a resource, for a rule that enforces the citation. */
export interface Acknowledgement {
  readonly rule: string;
  readonly stack: string;
  readonly logicalId: string;
  readonly constructPath: string;
  readonly reason: string;
}

/**
 * One catalog citation with everything the assembly says about it. The HIPAA map's entries are HIPAA
 * citations grouped by safeguard; the GDPR map's are GDPR provisions (`Art. 32(1)(a)`) grouped by article.
 */
export interface ControlEntry<Id extends string = Citation, Group extends string = Safeguard> {
  readonly citation: Id;
  readonly title: string;
  readonly kind: 'standard' | 'spec';
  readonly required?: 'R' | 'A';
  readonly parent?: Id;
  readonly safeguard: Group;
  readonly responsibility: Responsibility;
  /** GDPR: a short paraphrase of the provision. */
  readonly summary?: string;
  /** GDPR: where the official text is. */
  readonly source?: string;
  /** GDPR: how the mapping was made (always this project's own interpretation). */
  readonly mapping?: string;
  readonly status: ControlStatus;
  /** Who does what: the catalog's notes and what this baseline contributes. Never blank. */
  readonly statement: string;
  readonly implementations: readonly Implementation[];
  readonly enforcingRules: readonly EnforcingRule[];
  readonly verifyingConfigRules: readonly DeployedConfigRule<Id>[];
  readonly acknowledgements: readonly Acknowledgement[];
}

/** The network segmentation matrix computed at synth (`segmentation-matrix.json`), when the assembly has one. */
export interface SegmentationMatrix {
  readonly description: string;
  readonly stack: string;
  /** Environments, then `internet`: rows open connections, columns accept them. */
  readonly nodes: readonly string[];
  readonly matrix: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly paths: readonly {
    readonly from: string;
    readonly to: string;
    readonly traffic: string;
    readonly undeclared: string;
  }[];
  readonly findings: readonly { readonly resource: string; readonly message: string }[];
}

/** A control map of any framework, as the renderers take it. */
export type AnyControlMap = ControlMap<string, string>;
/** A control map entry of any framework. */
export type AnyControlEntry = ControlEntry<string, string>;

/** Counts of citations by status. */
export type StatusCounts = Readonly<Record<ControlStatus, number>>;

/** Which regulation a map covers (absent on the HIPAA map, whose JSON predates frameworks). */
export interface FrameworkInfo {
  readonly framework: 'gdpr';
  readonly title: string;
  readonly source: string;
  /** How the map's entries were mapped: this project's own interpretation, not legal advice. */
  readonly mapping: string;
  /** The mapping itself: what (a HIPAA citation, a construct type) maps to which provisions, and why. */
  readonly mappings: readonly FrameworkMapping[];
}

/** One row of a framework's own mapping. */
export interface FrameworkMapping {
  /** `HIPAA 164.312(a)(2)(iv)` or `construct ConfigRecording`. */
  readonly from: string;
  readonly to: readonly string[];
  readonly rationale: string;
}

/** The control map: the model every output renders. */
export interface ControlMap<Id extends string = Citation, Group extends string = Safeguard> {
  readonly generator: { readonly name: 'hipaa-baseline'; readonly version: string };
  /** The assembly's stacks (artifact id, CloudFormation stack name, environment). */
  readonly stacks: readonly {
    readonly id: string;
    readonly stackName: string;
    readonly environment?: string;
    /** Organisation mode: the account the stack is for (see Implementation.account). */
    readonly account?: string;
  }[];
  /** The regulation, when it is not HIPAA. */
  readonly catalog?: FrameworkInfo;
  readonly summary: {
    readonly total: number;
    readonly byStatus: StatusCounts;
    readonly bySafeguard: readonly {
      readonly safeguard: Group;
      readonly total: number;
      readonly byStatus: StatusCounts;
    }[];
  };
  readonly controls: readonly ControlEntry<Id, Group>[];
  /** Every AWS Config rule the assembly deploys, with its citations (empty when the registry does not know it). */
  readonly configRules: readonly DeployedConfigRule<Id>[];
  readonly segmentation?: SegmentationMatrix;
  /** Live status from `hipaa-baseline evidence --control-map`, when the map was rewritten with evidence. */
  readonly live?: LiveStatus;
}

/** What AWS Config reported for each citation (joined from evidence.json). */
export interface LiveStatus {
  /** When the evidence was read (ISO 8601). */
  readonly generatedAt: string;
  /** Where it was read (region, aggregator or conformance pack). */
  readonly scope: string;
  /** Citation → rolled-up status and the rules that are NON_COMPLIANT; citations without rules are absent. */
  readonly byCitation: Readonly<
    Record<string, { readonly status: string; readonly nonCompliantRules: readonly string[] }>
  >;
  /** Rules whose evidence could not be read completely. */
  readonly errors: readonly string[];
}
