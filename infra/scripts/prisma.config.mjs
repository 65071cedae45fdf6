// Prisma CLI config for infra/scripts/prisma.mjs: the WebAssembly schema engine over the pg driver
// adapter ("engine: js"), so `migrate diff` needs no native engine download.
import { PrismaPg } from '@prisma/adapter-pg';

const connectionString = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export default {
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => new PrismaPg({ connectionString }),
};
