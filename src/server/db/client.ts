import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

export function createDb(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
}

const globalForDb = globalThis as unknown as { evalhubDb?: { url: string; db: Db } };

/** One client per process (Next.js dev reloads modules; the global keeps a single pool). */
export function getDb(databaseUrl: string): Db {
  const existing = globalForDb.evalhubDb;
  if (existing && existing.url === databaseUrl) return existing.db;
  const db = createDb(databaseUrl);
  globalForDb.evalhubDb = { url: databaseUrl, db };
  return db;
}
