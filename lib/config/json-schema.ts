import { z } from 'zod';
import { baselineConfigSchema } from './schema';

/** Renders the JSON Schema of the configuration document (input form: defaulted fields are optional). */
export function renderConfigJsonSchema(): string {
  const schema = z.toJSONSchema(baselineConfigSchema, { io: 'input', unrepresentable: 'any' });
  const document = {
    ...schema,
    $id: 'https://hipaa-baseline.dev/config.schema.json',
    title: 'hipaa-baseline configuration',
    description:
      'The hipaaBaseline context object in cdk.json, or a file passed with -c hipaaBaselineConfig=path.json.',
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
