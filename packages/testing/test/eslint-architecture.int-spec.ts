import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';

// The architecture rules of the repository's own eslint.config.mjs, run through ESLint's Node API on
// planted snippets placed (by file path) inside a service. Type-aware rules are switched off here: the
// snippets are not on disk, and these rules read imports only.
const root = resolve(__dirname, '../../..');
const eslint = new ESLint({
  cwd: root,
  overrideConfigFile: resolve(root, 'eslint.config.mjs'),
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

const ARCHITECTURE_RULES = new Set(['no-restricted-imports', 'import-x/no-restricted-paths']);

/** The architecture findings for `code` as if it were the file at `path` (relative to the repository). */
async function findings(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  const fatal = result.messages.filter((message) => message.fatal);
  if (fatal.length) throw new Error(fatal.map((message) => message.message).join('\n'));
  return result.messages
    .filter((message) => message.ruleId && ARCHITECTURE_RULES.has(message.ruleId))
    .map((message) => `${message.ruleId}: ${message.message}`);
}

const prismaCall = `import { PrismaClient } from '../generated/prisma/client';
export async function count(prisma: PrismaClient): Promise<number> {
  return prisma.team.count();
}
`;
const prismaType = `import type { Prisma } from '../generated/prisma/client';
export type Filter = Prisma.TeamWhereInput;
`;
const prismaPackage = `import { Prisma } from '@prisma/client';
export const raw = Prisma.sql\`SELECT 1\`;
`;
const kafka = `import { Kafka } from 'kafkajs';
export const kafka = new Kafka({ brokers: ['localhost:9092'] });
`;
const rabbit = `import { AmqpConnection } from '@golevelup/nestjs-rabbitmq';
export type Connection = AmqpConnection;
`;
const platformRabbit = `import { RabbitMqService } from '@prodvor/platform';
export class Notifier {
  constructor(private readonly rabbit: RabbitMqService) {}
}
`;
const platformOutbox = `import { appendToOutbox } from '@prodvor/platform';
export const write = appendToOutbox;
`;
const nest = `import { Injectable } from '@nestjs/common';
@Injectable()
export class Schedule {}
`;

describe('eslint architecture rules', () => {
  describe('no import between services', () => {
    it('refuses a relative import of another service', async () => {
      const code = `import { RoomsRepository } from '../../../chat/src/rooms/rooms.repository';\nexport type R = RoomsRepository;\n`;
      expect(await findings('services/team/src/teams/teams.service.ts', code)).toEqual([
        expect.stringMatching(/^import-x\/no-restricted-paths: .*services\/team may not import another service/),
      ]);
    });

    it('refuses an import of another service by package name, deep or not', async () => {
      for (const specifier of ['@prodvor/chat-service', '@prodvor/chat-service/dist/main']) {
        const code = `import { bootstrap } from '${specifier}';\nexport const start = bootstrap;\n`;
        // (a built service also resolves, and then the path rule reports it as well)
        expect(await findings('services/team/src/teams/teams.service.ts', code)).toContainEqual(
          expect.stringMatching(/^no-restricted-imports: .*never imports another service/),
        );
      }
    });

    it('refuses it in tests too, and refuses a package importing a service', async () => {
      const code = `import { TeamsRepository } from '../../chat/src/rooms/rooms.repository';\nexport type R = TeamsRepository;\n`;
      expect(await findings('services/team/test/teams.int-spec.ts', code)).toHaveLength(1);
      const fromPackage = `import { TeamsRepository } from '../../../../services/team/src/teams/teams.repository';\nexport type R = TeamsRepository;\n`;
      expect(await findings('packages/platform/src/http/x.ts', fromPackage)).toEqual([
        expect.stringMatching(/packages\/ hold shared code and never import a service/),
      ]);
    });

    it('lets a service import its own files and the shared packages', async () => {
      const code = `import { TeamsRepository } from '../teams/teams.repository';
import { Topics } from '@prodvor/contracts';
import { DomainError } from '@prodvor/platform';
export const used = [TeamsRepository, Topics, DomainError];
`;
      expect(await findings('services/team/src/members/roster.service.ts', code)).toEqual([]);
    });
  });

  describe('Prisma only in repositories (and the database module, platform, tests)', () => {
    it.each([
      ['a Prisma call', prismaCall],
      ['an import type of Prisma input types', prismaType],
      ['@prisma/client', prismaPackage],
    ])('refuses %s in a service, a DTO, a controller, a publisher', async (_name, code) => {
      for (const path of [
        'services/team/src/teams/teams.service.ts',
        'services/team/src/teams/dto/team.dto.ts',
        'services/team/src/teams/teams.controller.ts',
        'services/team/src/events/team-events.publisher.ts',
      ]) {
        expect(await findings(path, code)).toEqual([expect.stringMatching(/^no-restricted-imports: .*Prisma/)]);
      }
    });

    it('allows it in a repository, the database module, a unit test, an integration test and packages/platform', async () => {
      for (const path of [
        'services/team/src/teams/teams.repository.ts',
        'services/team/src/database/transaction-runner.ts',
        'services/team/src/teams/teams.service.spec.ts',
        'services/team/test/teams.int-spec.ts',
        'packages/platform/src/prisma/x.ts',
      ]) {
        expect(await findings(path, prismaCall)).toEqual([]);
        expect(await findings(path, prismaType)).toEqual([]);
      }
    });
  });

  describe('Kafka and RabbitMQ only in publishers and consumers (and platform, tests)', () => {
    it.each([
      ['kafkajs', kafka],
      ['@golevelup/nestjs-rabbitmq', rabbit],
      ["the platform's RabbitMqService", platformRabbit],
      ["the platform's outbox writer", platformOutbox],
    ])('refuses %s in a service, a repository, a plain helper', async (_name, code) => {
      for (const path of [
        'services/chat/src/messages/messages.service.ts',
        'services/chat/src/messages/messages.repository.ts',
        'services/chat/src/notifications/offline-notifier.ts',
      ]) {
        expect(await findings(path, code)).toEqual([
          expect.stringMatching(/^no-restricted-imports: .*Kafka and RabbitMQ/),
        ]);
      }
    });

    it('allows it in a publisher, a consumer, a test and packages/platform', async () => {
      for (const code of [kafka, rabbit, platformRabbit, platformOutbox]) {
        for (const path of [
          'services/chat/src/notifications/chat-notifications.publisher.ts',
          'services/chat/src/realtime/fanout.consumer.ts',
          'services/chat/test/live.e2e-spec.ts',
          'packages/platform/src/kafka/x.ts',
        ]) {
          expect(await findings(path, code)).toEqual([]);
        }
      }
    });
  });

  describe('domain code imports no framework', () => {
    it.each([
      ['@nestjs', nest, /src\/domain/],
      ['Prisma', prismaType, /Prisma/],
      ['kafkajs', kafka, /Kafka/],
      ['fastify', `import type { FastifyRequest } from 'fastify';\nexport type R = FastifyRequest;\n`, /src\/domain/],
      ['the platform', platformOutbox, /./],
    ])('refuses %s in src/domain', async (_name, code, message) => {
      const found = await findings('services/tournament/src/domain/scheduling/x.ts', code);
      expect(found).not.toEqual([]);
      for (const line of found) expect(line).toMatch(message);
    });

    it('allows plain code and the contracts there, and @nestjs outside it', async () => {
      const plain = `import { Topics } from '@prodvor/contracts';\nimport { slots } from './slot-check';\nexport const x = [Topics, slots];\n`;
      expect(await findings('services/tournament/src/domain/scheduling/x.ts', plain)).toEqual([]);
      expect(await findings('services/tournament/src/domain/scheduling/x.spec.ts', nest)).toEqual([]);
      expect(await findings('services/team/src/teams/team-policy.ts', nest)).toEqual([]);
    });
  });
});
