/** A CloudFormation template as parsed (intrinsics left as objects). */
export interface CfnTemplate {
  readonly Resources: Record<string, any>;
  readonly Metadata?: Record<string, unknown>;
  readonly [section: string]: any;
}

/** A template to check, with where it came from. */
export interface LoadedTemplate {
  /** Name in output: the stack's display name for an assembly, the path as given for a template file. */
  readonly name: string;
  /** Path of the file the template was read from (as given, joined with the assembly directory). */
  readonly file: string;
  /** For templates of a cloud assembly: the stack's hierarchical id, matched against a baseline assembly. */
  readonly stack?: string;
  readonly template: CfnTemplate;
}

/** Keys of the Resources section that are not resources but a template macro (AWS::LanguageExtensions). */
export const FOR_EACH_PREFIX = 'Fn::ForEach::';
