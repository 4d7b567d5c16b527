import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-electron/**', 'release/**', 'node_modules/**', 'test/e2e/screenshots/**'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    // shared/ runs in the renderer, the main process and tests alike.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*', 'fs', 'path', 'os', 'child_process', 'net'], message: 'shared/ stays pure: no Node or Electron.' },
            { group: ['dexie', 'dexie-*', 'react', 'react-dom'], message: 'shared/ stays pure: no Dexie or React.' },
            { group: ['**/renderer/**', '**/electron/**'], message: 'shared/ must not depend on a host.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', 'node:*'], message: 'The renderer talks to the host through renderer/bridge.ts only.' },
            { group: ['**/electron/**'], message: 'The renderer talks to the host through renderer/bridge.ts only.' },
          ],
        },
      ],
    },
  },
  {
    // Tests run under Node and may check shared/ against Node's own crypto (fingerprint.test.ts).
    files: ['test/**/*.ts', 'scripts/**/*.ts', 'electron/**/*.test.ts', 'shared/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
