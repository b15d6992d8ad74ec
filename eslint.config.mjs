import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

/**
 * The library (lib/) is reached from outside only through each area's face, `lib/<area>/index.ts`:
 * `../lib/site` is fine, `../lib/site/load` is not. Tests may reach inside (they test the parts).
 */
const libFacesOnly = {
  patterns: [
    {
      regex: String.raw`^(\.\./)+lib/[^/]+/(?!index$).+`,
      message: 'Import the area through its face (lib/<area>, its index.ts); export what you need there.',
    },
  ],
};

/**
 * yaml and ajv are evaluated on first use (#24: a quarter of the language server's code that only Butane and
 * site files need): the library imports their values only through lib/languages/butane/yaml.ts and
 * lib/json/ajv.ts. Types are free.
 */
const lazyLibraries = {
  paths: [
    {
      name: 'yaml',
      allowTypeImports: true,
      message: 'Import from lib/languages/butane/yaml.ts (yaml loads on first use).',
    },
    { name: 'ajv', allowTypeImports: true, message: 'Use newAjv from lib/json/ajv.ts (ajv loads on first use).' },
  ],
};

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.vscode-test/**', 'coverage/**', 'test/fixtures/**', 'test/corpus/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    files: ['**/*.mjs'],
    languageOptions: {
      globals: { console: 'readonly', process: 'readonly', setInterval: 'readonly', setTimeout: 'readonly' },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      'max-len': ['error', { code: 140, ignoreUrls: false }],
    },
  },
  {
    files: [
      'lib/**/*.ts',
      'server/src/**/*.ts',
      'client/src/**/*.ts',
      'cli/src/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
    ],
    rules: {
      // A function longer than this needs a reason in a comment (an eslint-disable line with it).
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['lib/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', lazyLibraries] },
  },
  {
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'cli/src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', libFacesOnly] },
  },
);
