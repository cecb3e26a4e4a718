/**
 * Bedrock actions the guardrail enforcement names (imports nothing, so rules can read it without loading
 * aws-cdk-lib).
 */

/** The model invocation actions that accept the bedrock:GuardrailIdentifier condition (Converse uses them too). */
export const GUARDED_INVOKE_ACTIONS = ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'] as const;

/**
 * Every way to have a model process a prompt, for the deny on the raw-PHI roles and on unguarded calls:
 * inference (guarded or not), batch inference (which takes no guardrail), agents, flows and knowledge bases.
 */
export const MODEL_USE_ACTIONS = [
  'bedrock:InvokeModel*',
  'bedrock:CreateModelInvocationJob',
  'bedrock:InvokeAgent',
  'bedrock:InvokeInlineAgent',
  'bedrock:InvokeFlow',
  'bedrock:RetrieveAndGenerate*',
] as const;
