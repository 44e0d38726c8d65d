import type { Queue } from "bullmq";
import type { Db } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";

export type Dependency = "database" | "redis" | "hub";

export interface Health {
  ok: boolean;
  /** The dependencies that did not answer, e.g. ["database"]; empty when all is well. */
  down: Dependency[];
  database: { ok: boolean; error?: string };
  redis: { ok: boolean; error?: string };
  hub: { ok: boolean; url: string; error?: string };
  /** The dataset viewer API in use (not probed: it is optional, the repo is read when it has nothing). */
  viewer: { url: string };
}

async function check(fn: () => Promise<unknown>, timeoutMs = 2_000): Promise<{ ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: summary(err) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The line of an error message that says what happened: Prisma puts "Invalid `prisma.x()`
 * invocation:" first and the cause ("Can't reach database server at …") last.
 */
function summary(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err)).split("\n").map((l) => l.trim()).filter(Boolean);
  return (lines.at(-1) ?? "unknown error").slice(0, 200);
}

/** Pings each dependency; reports their state without leaking credentials. */
export async function getHealth(opts: { db: Db; queue: () => Queue; hub: HubConfig; viewerUrl: string }): Promise<Health> {
  const [database, redis, hub] = await Promise.all([
    check(() => opts.db.$queryRawUnsafe("SELECT 1")),
    check(() => opts.queue().getJobCounts("waiting")),
    check(async () => {
      const res = await (opts.hub.fetch ?? fetch)(`${opts.hub.hubUrl.replace(/\/$/, "")}/api/models?limit=1`);
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
    }),
  ]);
  const down = (["database", "redis", "hub"] as const).filter((name) => !{ database, redis, hub }[name].ok);
  return { ok: down.length === 0, down, database, redis, hub: { ...hub, url: opts.hub.hubUrl }, viewer: { url: opts.viewerUrl } };
}
