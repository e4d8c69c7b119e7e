// Lint that enforces the architecture (README "How it is built"): the layers import only downwards, and a few
// type-aware rules catch promises nobody awaits. `npm run lint`; part of `npm test`.
import tseslint from 'typescript-eslint';

import { builtinModules } from 'node:module';

/** Node's modules by their bare names (exact: './http' is our own file) and as node:… */
const NODE_MODULES = builtinModules.filter((m) => !m.startsWith('_'));
const TESTS = ['**/*.test.ts', '**/*.test.tsx', '**/testing/**', '**/testing.ts', '**/test-support/**'];

/**
 * `no-restricted-imports`: `groups` are gitignore-style patterns of paths (our layers' folders, node:*), `names`
 * exact module names (Node's built-ins, electron), each with why it is refused.
 */
const refuse = ({ groups = [], names = [] }) => [
  'error',
  {
    patterns: groups.map(([group, message]) => ({ group, message })),
    paths: names.flatMap(([list, message]) => list.map((name) => ({ name, message }))),
  },
];

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'types/**',
      'node_modules/**',
      'resources/**',
      'bench/bare/**',
      '**/*.cjs',
      '**/*.mjs',
      'playwright-report/**',
      'test-results/**',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    extends: [tseslint.configs.base],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: true }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      'no-debugger': 'error',
    },
  },
  // shared/: pure TypeScript, deterministic — nothing from the other layers, no Node module (the DOM is kept out
  // by tsconfig.shared.json, which has no DOM lib). Tests and test helpers may read real files.
  {
    files: ['shared/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': refuse({
        groups: [
          [['**/electron/**', '**/renderer/**'], 'shared/ imports nothing from electron/ or renderer/.'],
          [['node:*'], 'shared/ runs in the browser and the worker too: no Node modules.'],
          [
            ['react', 'react-dom', 'react/*', '@xyflow/*', 'zustand', 'zustand/*'],
            'shared/ is the engine and the model: no UI.',
          ],
        ],
        names: [
          [NODE_MODULES, 'shared/ runs in the browser and the worker too: no Node modules.'],
          [['electron'], 'shared/ knows nothing of Electron.'],
        ],
      }),
    },
  },
  // renderer/: talks to the desktop through electron/common (the bridge's types and channels) and nothing else.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': refuse({
        groups: [
          [
            [
              '**/electron/main/**',
              '**/electron/preload/**',
              '**/electron/worker/**',
              '**/electron/cli/**',
              '**/electron/slides/**',
            ],
            'renderer/ reaches the desktop only through electron/common.',
          ],
          [['node:*'], 'renderer/ is a web page: no Node modules.'],
        ],
        names: [
          [
            ['electron', ...NODE_MODULES],
            'renderer/ is a web page: no Electron or Node modules (see electron/common for the bridge).',
          ],
        ],
      }),
    },
  },
  // electron/common: what the main process, the preload and the renderer share — types and constants only.
  {
    files: ['electron/common/**/*.ts'],
    ignores: TESTS,
    rules: {
      'no-restricted-imports': refuse({
        groups: [
          [
            [
              '**/electron/main/**',
              '**/electron/preload/**',
              '**/electron/worker/**',
              '**/electron/cli/**',
              '**/electron/slides/**',
              '**/renderer/**',
            ],
            'electron/common is the shared surface: it depends on no side.',
          ],
          [['node:*'], 'electron/common is read by the renderer too: no Node modules.'],
        ],
        names: [
          [['electron', ...NODE_MODULES], 'electron/common is read by the renderer too: no Electron or Node modules.'],
        ],
      }),
    },
  },
  // The preload runs sandboxed: only electron and the shared surface.
  {
    files: ['electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': refuse({
        groups: [
          [
            ['**/electron/main/**', '**/electron/worker/**', '**/electron/cli/**', '**/renderer/**'],
            'the preload sees only electron/common.',
          ],
        ],
      }),
    },
  },
);
