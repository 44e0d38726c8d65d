import { PrismaPg } from "@prisma/adapter-pg";
import type { PoolConfig } from "pg";
import { PrismaClient } from "@/generated/prisma/client";

export type Db = PrismaClient;

/**
 * Pool settings that make an outage fail fast and heal by itself: a connect that gets no answer
 * (PostgreSQL down behind a live address, a dropped network) gives up after 5 s instead of hanging
 * the request, and keep-alive notices half-open sockets. pg.Pool drops a client whose socket
 * errored and opens a new one on the next request, so nothing needs a restart once PostgreSQL is back.
 */
const POOL_DEFAULTS = {
  connectionTimeoutMillis: 5_000,
  idleTimeoutMillis: 30_000,
  keepAlive: true,
} satisfies PoolConfig;

export function createDb(databaseUrl: string, pool: PoolConfig = {}): Db {
  const adapter = new PrismaPg(
    { ...POOL_DEFAULTS, ...pool, connectionString: databaseUrl },
    // The adapter already keeps an idle client's socket error from crashing the process; say why requests fail.
    { onPoolError: (err) => console.error(`PostgreSQL connection lost: ${err.message}`) },
  );
  return new PrismaClient({ adapter });
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
