// npm run lint: ESLint's and typescript-eslint's recommended rules over every
// TypeScript file. Not the type-checked presets: `npm run typecheck` already
// runs the compiler, and lint stays a few seconds.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'exercises/',
      'certs/',
      'test-results/',
      'bench/results/',
      'docs/.vitepress/cache/',
      'docs/.vitepress/dist/',
      'docs/.vitepress/.temp/',
      // Students' mistakes, kept as they wrote them: the checks must catch them.
      'tests/fixtures/broken/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // French typography puts no-break spaces in strings, templates and comments.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }],
      // `_name` marks a parameter or a destructured value kept on purpose.
      // `const { LANG, ...rest } = env` drops LANG on purpose.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // An exercise's starting code declares what the student will use: unused on purpose.
    files: ['course/*/start/**'],
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
);
