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
    files: ['server/src/**/*.ts', 'client/src/**/*.ts', 'cli/src/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', libFacesOnly] },
  },
);
