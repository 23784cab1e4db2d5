import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';

/**
 * The layering of src-main, lowest first. A folder may import from the folders before it in
 * this list, never from those after it: training never reaches into model use or exports, the
 * engine knows nothing of services, workers or Electron. `npm run lint` also fails on any
 * import cycle (test/lint/import-cycles.ts).
 */
const LAYERS = [
  'shared',
  'storage',
  'data',
  'forecast',
  'tensorflow',
  'engine',
  'experiment',
  'export',
  'projects',
  'model-use',
  'settings',
  'search',
  'worker',
  'services',
  'cli',
  'host',
  'electron',
];
const FORBIDDEN = Object.fromEntries(LAYERS.map((name, i) => [`src-main/${name}`, LAYERS.slice(i + 1)]));

/** Inside the engine: the training loop and the model code serve every task and know none. */
const ENGINE_FORBIDDEN = {
  'src-main/engine/model': ['tasks', 'training', 'metrics'],
  'src-main/engine/training': ['tasks', 'metrics'],
  'src-main/engine/metrics': ['tasks', 'training'],
};

const restrict = (folder, names, message) => ({
  files: [`${folder}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      { patterns: names.map((name) => ({ regex: `^(\\.\\./)+${name}(/|$)`, message: message(name) })) },
    ],
  },
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'src-main/native/rnn-kernels/build/**',
      'src-main/native/rnn-kernels/deps/**',
    ],
  },
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  ...Object.entries(FORBIDDEN).map(([folder, names]) =>
    restrict(folder, names, (name) => `${folder} sits below src-main/${name} and must not import from it.`),
  ),
  ...Object.entries(ENGINE_FORBIDDEN).map(([folder, names]) =>
    restrict(folder, names, (name) => `${folder} serves every task and must not import from engine/${name}.`),
  ),
  {
    // The renderer talks to main only through the contract and types in src-main/shared.
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: 'src-main/(?!shared/)', message: 'The renderer may import only src-main/shared (the contract).' },
          ],
        },
      ],
    },
  },
  {
    // Views compose components; nothing below them imports a view.
    files: ['src-renderer/{components,stores,composables,charts,utils,host}/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: 'src-main/(?!shared/)', message: 'The renderer may import only src-main/shared (the contract).' },
            { regex: '(^|/)views/', message: 'Components, stores and composables must not import from views/.' },
          ],
        },
      ],
    },
  },
  // Formatting is Prettier's job: turn off the lint rules that would argue with it.
  prettier,
);
