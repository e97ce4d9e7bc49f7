// ESLint for the whole tree (`npm run lint`): the recommended JavaScript and TypeScript rules, with the few this
// codebase relaxes on purpose, each with its reason.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', '.tools/', 'data/', 'coverage/', '**/generated/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      // Federation and type-graphql resolver maps are typed loosely at their edges; `any` stays rare and visible.
      '@typescript-eslint/no-explicit-any': 'off',
      // `_name` marks a parameter or binding kept for its position (resolver signatures, destructuring to drop a key).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // type-graphql resolvers are classes listed in a `Function[]`.
      '@typescript-eslint/no-unsafe-function-type': 'off',
    },
  },
);
