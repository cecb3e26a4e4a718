// Lint configuration for bin/ lib/ rules/ test/ (TypeScript); formatting is prettier's.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', 'test/.cache/**', '**/*.generated.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='acknowledge'][callee.object.callee.property.name='of']",
          message: 'Acknowledge findings only through lib/controls/acknowledge.ts (reason ≥ 20 characters, known rule id).',
        },
      ],
    },
  },
  {
    files: ['lib/controls/acknowledge.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Browser script inlined into the control map page.
    files: ['lib/cli/control-map/html/*.js'],
    languageOptions: { sourceType: 'script', globals: { document: 'readonly' } },
  },
  {
    files: ['bin/*.js', '*.config.js', 'eslint.config.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
