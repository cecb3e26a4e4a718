import { isHonoured, readAcknowledgements } from '../../controls/acknowledge-metadata';
import { findRule } from '../../controls/rule-registry';
import type { LoadedTemplate } from './template';

/** A finding as `check` reports it (the JSON contract, plus the construct path for text output). */
export interface Finding {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  /** Template name: the stack's display name, or the template file as given. */
  readonly template: string;
  readonly logicalId: string;
  readonly message: string;
  /** HIPAA citations of the rule, from the rule registry. */
  readonly controls: readonly string[];
  /** Construct path from the resource's `aws:cdk:path` Metadata, when it has one. */
  readonly path?: string;
}

/** An acknowledgement that suppressed a finding. */
export interface Acknowledged {
  readonly rule: string;
  readonly template: string;
  readonly logicalId: string;
  readonly reason: string;
}

/** A finding of one template before acknowledgements are applied. */
export interface RawFinding {
  readonly rule: string;
  readonly severity: 'error' | 'warning';
  readonly logicalId: string;
  readonly message: string;
  /**
   * Where an acknowledgement must be: on the resource (default), or on any resource of the template
   * (findings about resources no longer in it, which `acknowledge(stack, …)` reaches).
   */
  readonly acknowledgedOn?: 'resource' | 'template';
}

/**
 * Applies the acknowledgements recorded in the template's resource Metadata the way cdk-nag does at
 * synth: a finding is suppressed by an honoured acknowledgement (reason ≥ 20 characters) whose id
 * equals the finding's rule id exactly (`AwsSolutions-IAM5[Resource::…]` included). Returns what
 * remains and what was acknowledged. `loaded` is undefined for a stack no longer in the assembly.
 */
export function applyAcknowledgements(
  templateName: string,
  loaded: LoadedTemplate | undefined,
  raw: readonly RawFinding[],
): { findings: Finding[]; acknowledged: Acknowledged[] } {
  const resources: Record<string, any> = loaded?.template.Resources ?? {};
  const honoured = (logicalId: string) => readAcknowledgements(resources[logicalId]?.Metadata).filter(isHonoured);
  const anywhere = Object.keys(resources).flatMap(honoured);
  const findings: Finding[] = [];
  const acknowledged: Acknowledged[] = [];
  for (const finding of raw) {
    const candidates = finding.acknowledgedOn === 'template' ? anywhere : honoured(finding.logicalId);
    const match = candidates.find((acknowledgement) => acknowledgement.id === finding.rule);
    if (match) {
      acknowledged.push({
        rule: finding.rule,
        template: templateName,
        logicalId: finding.logicalId,
        reason: match.reason,
      });
      continue;
    }
    const path = resources[finding.logicalId]?.Metadata?.['aws:cdk:path'];
    findings.push({
      rule: finding.rule,
      severity: finding.severity,
      template: templateName,
      logicalId: finding.logicalId,
      message: finding.message,
      controls: [...(findRule(finding.rule)?.citations ?? [])],
      ...(typeof path === 'string' ? { path } : {}),
    });
  }
  return { findings, acknowledged };
}
