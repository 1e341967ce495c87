// ESLint flat config: Next's rules (core web vitals, TypeScript, react-hooks), and import
// boundaries that encode the layering in docs/architecture.md. Prettier owns formatting
// (`npm run format:check`), so stylistic rules are switched off by eslint-config-prettier.
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import comments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import prettier from 'eslint-config-prettier/flat';

/** Packages the pure domain must never reach: frameworks, databases, vendors and the network. */
const NOT_IN_DOMAIN = [
  'next',
  'next/*',
  'react',
  'react/*',
  'react-dom',
  'react-dom/*',
  'firebase',
  'firebase/*',
  'firebase-admin',
  'firebase-admin/*',
  '@google-cloud/*',
  'google-auth-library',
  'node-mailjet',
  '@anthropic-ai/sdk',
  'node:http',
  'node:https',
  'node:net',
  'node:dns',
  'node:fs',
  'node:fs/promises',
  'undici',
];

const layerMessage = (why) => `${why} See the layering in docs/architecture.md.`;

const config = [
  {
    ignores: [
      '.next/**',
      '.next-*/**',
      'node_modules/**',
      'next-env.d.ts',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      '.emulator-data/**',
      '.stack/**',
    ],
  },
  ...nextVitals,
  ...nextTypescript,
  comments.recommended,
  {
    settings: {
      'import/resolver': { typescript: { project: './tsconfig.json' }, node: true },
    },
    rules: {
      // A rule is switched off only with its reason on the same line: `// eslint-disable-next-line rule -- why`.
      '@eslint-community/eslint-comments/require-description': ['error', { ignore: [] }],
      '@eslint-community/eslint-comments/disable-enable-pair': ['error', { allowWholeFile: true }],
      // `total += await f()` reads `total` before the await: workers running at once lose each
      // other's updates (the tick's duplicate checks once reported 9 proposals of 30).
      // Properties are left out: their false positives (a report filled by a sequential loop) outnumber the finds.
      'require-atomic-updates': ['error', { allowProperties: true }],
      // Unused values are mistakes; a leading underscore marks one kept on purpose (a destructured field left out).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // Arrows point down only: app -> server -> domain, ui -> domain (and server types).
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/domain',
              from: ['./src/server', './src/app', './src/ui', './scripts', './tests', './bench'],
              message: layerMessage('The domain is pure: it imports nothing from server, app or ui.'),
            },
            { target: './src/server', from: ['./src/app', './src/ui'], message: layerMessage('Server code never imports routes or components.') },
            {
              target: './src/server/services',
              from: ['./src/server/http'],
              message: layerMessage(
                'Services take plain data and return plain data; the HTTP wrappers (withTenant, withWebhook, withCron) call them, never the reverse.',
              ),
            },
            { target: './src/server/db', from: ['./src/server/services', './src/server/http'], message: layerMessage('The data layer is below the services.') },
            {
              target: './src/server/integrations',
              from: ['./src/server/http'],
              message: layerMessage('Vendor adapters implement ports; they do not know about HTTP routes.'),
            },
            { target: './src/ui', from: ['./src/app'], message: layerMessage('Components never import routes.') },
          ],
        },
      ],
    },
  },
  {
    files: ['src/domain/**/*.{ts,tsx}'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: NOT_IN_DOMAIN, message: layerMessage('The domain is framework-free: no Next, React, Firebase, vendor SDKs, files or network.') }],
        },
      ],
    },
  },
  {
    files: ['src/server/services/**/*.ts', 'src/server/db/**/*.ts', 'src/server/integrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['next', 'next/*', 'react', 'react/*', 'react-dom', 'react-dom/*'],
              message: layerMessage('Use-cases and adapters do not depend on Next or React; the wrappers in src/server/http do.'),
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/server/*', '@/server/**', '**/server/**', 'firebase-admin', 'firebase-admin/*'],
              allowTypeImports: true,
              message: layerMessage('Components import server code only as types; data reaches them as props or through the API.'),
            },
          ],
        },
      ],
    },
  },
  prettier,
];

export default config;
