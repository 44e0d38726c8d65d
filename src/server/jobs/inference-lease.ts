import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { Db } from "@/server/db/client";

/**
 * A lease on an evaluation key: the one worker holding it runs inference for that key, renewing it
 * while it works. A worker killed mid-run stops renewing, its lease expires, and whichever worker
 * BullMQ hands the stalled job to takes the key over. Time is PostgreSQL's, so workers on other
 * machines agree on expiry.
 */
export interface Lease {
  evaluationKey: string;
  owner: string;
  /** Stops renewing and gives the key back. */
  release(): Promise<void>;
  /** False once a renewal found the lease taken (this worker was too slow and lost it). */
  held(): boolean;
}

export function leaseOwner(): string {
  return `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Takes the key if nobody holds a live lease on it (or we already do); null when someone else does. */
export async function acquireLease(db: Db, evaluationKey: string, ttlMs: number, owner = leaseOwner()): Promise<Lease | null> {
  const rows = await db.$queryRaw<{ owner: string }[]>`
    INSERT INTO "InferenceLease" ("evaluationKey", "owner", "acquiredAt", "expiresAt")
    VALUES (${evaluationKey}, ${owner}, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' + ${ttlMs} * interval '1 millisecond')
    ON CONFLICT ("evaluationKey") DO UPDATE
      SET "owner" = EXCLUDED."owner", "acquiredAt" = EXCLUDED."acquiredAt", "expiresAt" = EXCLUDED."expiresAt"
      WHERE "InferenceLease"."expiresAt" < now() AT TIME ZONE 'UTC' OR "InferenceLease"."owner" = EXCLUDED."owner"
    RETURNING "owner"`;
  if (rows.length === 0) return null;
  let lost = false;
  let released = false;
  const renew = async () => {
    const n = await db.$executeRaw`
      UPDATE "InferenceLease" SET "expiresAt" = now() AT TIME ZONE 'UTC' + ${ttlMs} * interval '1 millisecond'
      WHERE "evaluationKey" = ${evaluationKey} AND "owner" = ${owner}`;
    if (n === 0) lost = true;
  };
  // Renew at a third of the lease, so two missed renewals still leave it held.
  const timer = setInterval(() => {
    if (!released) renew().catch(() => {});
  }, Math.max(200, Math.floor(ttlMs / 3)));
  timer.unref();
  return {
    evaluationKey,
    owner,
    held: () => !lost,
    async release() {
      released = true;
      clearInterval(timer);
      await db.$executeRaw`DELETE FROM "InferenceLease" WHERE "evaluationKey" = ${evaluationKey} AND "owner" = ${owner}`.catch(() => {});
    },
  };
}
