import { randomBytes } from "node:crypto";
import { createDb, type Db } from "@/server/db/client";
import { dropDatabase, migrateDatabase } from "@/server/db/migrate";

const BASE = process.env.TEST_DATABASE_BASE_URL ?? "postgresql://postgres@127.0.0.1:5432";

/** A fresh, migrated database per test suite, so suites never collide. */
export async function createTestDatabase(label: string): Promise<{ url: string; db: Db; drop(): Promise<void> }> {
  const name = `evalhub_test_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  const url = `${BASE}/${name}`;
  await migrateDatabase({ databaseUrl: url });
  const db = createDb(url);
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await dropDatabase(url);
    },
  };
}

/** A unique BullMQ prefix per suite. */
export function testQueuePrefix(label: string): string {
  return `evalhub-test-${label}-${randomBytes(4).toString("hex")}`;
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
