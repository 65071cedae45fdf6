import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------
// Architecture rules (ARCHITECTURE.md §2, STYLE.md "Layers"). Checked by packages/testing/test/eslint-architecture.int-spec.ts.
//
// A flat config does not merge the options of one rule across blocks: the last block that matches a
// file wins. So every block below that sets `no-restricted-imports` states the whole list for its files,
// built from these groups, and the blocks go from the general (any service source) to the particular.
// ---------------------------------------------------------------------------------------------------

const SERVICES = ['ai', 'chat', 'storage', 'team', 'tournament', 'user'];

const PRISMA =
  'Prisma belongs in *.repository.ts (and the service database/ module that builds the client): ' +
  'repositories expose domain types, so nothing else sees a Prisma model, input or client.';
const BROKERS =
  'Kafka and RabbitMQ belong in *.publisher.ts and *.consumer.ts (and packages/platform): ' +
  'a service hands its event or job to a publisher.';
const DOMAIN = 'src/domain/** is plain TypeScript: no framework, database, broker or platform import.';

/** The generated client and the Prisma packages, value and type imports alike. */
const prismaPatterns = [
  { group: ['@prisma/*'], message: PRISMA },
  { regex: '(^|/)generated/prisma(/|$)', message: PRISMA },
];
/** The broker clients themselves. */
const brokerPatterns = [
  { group: ['kafkajs', 'amqplib', 'amqp-connection-manager', '@golevelup/nestjs-rabbitmq'], message: BROKERS },
];
/** The platform's handles on the brokers and its outbox writers (rows that become Kafka events or jobs). */
const brokerPlatformPaths = [
  {
    name: '@prodvor/platform',
    importNames: [
      'KafkaService',
      'KafkaProducer',
      'KafkaConsumerRunner',
      'RabbitMqService',
      'RabbitJobs',
      'createAmqpConnection',
      'appendToOutbox',
      'appendJobsToOutbox',
    ],
    message: BROKERS,
  },
];
const frameworkPatterns = [
  {
    group: [
      '@nestjs/*',
      'fastify',
      '@fastify/*',
      'socket.io',
      'class-validator',
      'class-transformer',
      'pg',
      'redis',
      '@prodvor/platform',
    ],
    message: DOMAIN,
  },
];
/** Services are deployed apart and talk through events: no service imports another by package name. */
const servicePackagePatterns = [
  {
    group: ['@prodvor/*-service', '@prodvor/*-service/*', '@prodvor/local-stack', '@prodvor/local-stack/*'],
    message: 'A service never imports another service (or the local stack): share through packages/ or events.',
  },
];

function restrict({ prisma = false, brokers = false, domain = false } = {}) {
  return [
    'error',
    {
      paths: brokers ? brokerPlatformPaths : [],
      patterns: [
        ...servicePackagePatterns,
        ...(prisma ? prismaPatterns : []),
        ...(brokers ? brokerPatterns : []),
        ...(domain ? frameworkPatterns : []),
      ],
    },
  ];
}

const serviceSources = ['services/*/src/**/*.ts'];
const tests = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'];

export default tseslint.config(
  {
    ignores: [
      '**/*.mts',
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      '**/coverage/**',
      '**/*.mjs',
      '**/*.js',
      '.turbo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts', '**/bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },

  // --- architecture: no import between services, and no package importing a service ---------------
  {
    files: ['services/**/*.ts', 'packages/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.d.ts', '.js', '.json'] })],
    },
    rules: {
      // By path, relative or not (the import is resolved, so `../../../chat/src/x` is caught).
      'import-x/no-restricted-paths': [
        'error',
        {
          basePath: import.meta.dirname,
          zones: [
            ...SERVICES.map((name) => ({
              target: `./services/${name}`,
              from: './services',
              except: [`./${name}`],
              message: `services/${name} may not import another service: share through packages/ or events.`,
            })),
            {
              target: './packages',
              from: './services',
              message: 'packages/ hold shared code and never import a service.',
            },
          ],
        },
      ],
    },
  },
  // By package name (an unbuilt service would not resolve, so the path rule alone could miss it).
  { files: ['services/**/*.ts'], rules: { 'no-restricted-imports': restrict() } },

  // --- architecture: layers inside a service's src/ -------------------------------------------------
  // Any source file: neither Prisma nor a broker.
  { files: serviceSources, rules: { 'no-restricted-imports': restrict({ prisma: true, brokers: true }) } },
  // Repositories and the database module (it builds the client and the transaction runner): Prisma, no broker.
  {
    files: ['services/*/src/**/*.repository.ts', 'services/*/src/database/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ brokers: true }) },
  },
  // Publishers and consumers: brokers, no Prisma.
  {
    files: ['services/*/src/**/*.publisher.ts', 'services/*/src/**/*.consumer.ts'],
    rules: { 'no-restricted-imports': restrict({ prisma: true }) },
  },
  // Domain code: none of it, nor any framework.
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: { 'no-restricted-imports': restrict({ prisma: true, brokers: true, domain: true }) },
  },
  // Tests build fakes and fixtures from anything (cross-service imports stay refused).
  { files: tests, rules: { 'no-restricted-imports': restrict() } },

  prettier,
);
