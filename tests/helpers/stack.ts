import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { Queue } from "bullmq";
import { EVALUATION_QUEUE } from "@/jobs/definitions";
import { createRedis, obliterateQueues } from "@/server/queue";
import { createTestDatabase, REDIS_URL, testQueuePrefix } from "./database";
import { DEMO_TOKEN, startDemoHub } from "./demo-hub";

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 60_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

export interface StackOptions {
  /** Worker processes to start (default 1). */
  workers?: number;
  /** Extra environment for the web and worker processes (e.g. WORKER_LOCK_MS). */
  env?: Record<string, string>;
  /** Another Redis than the machine's (e.g. one a test restarts). */
  redisUrl?: string;
  /** Adds repos to the hub before anything starts. */
  prepareHub?: (hub: Awaited<ReturnType<typeof startDemoHub>>) => Promise<void>;
}

/** Deletes the keys matching a pattern (SCAN, not KEYS, so a busy Redis is not blocked). */
async function deleteKeys(redis: ReturnType<typeof createRedis>, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", pattern, "COUNT", 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== "0");
}

/** The worker runs bundled under plain node, as `npm run worker` runs it. */
export async function buildWorkerBundle(): Promise<void> {
  // @ts-expect-error: a plain .mjs build script without types
  const { buildNode } = await import("../../scripts/build-node.mjs");
  await buildNode(["worker"]);
}

const WORKER_ARGS = ["--max-old-space-size=160", path.join(ROOT, "dist/worker.mjs")];

/** A worker process (`npm run worker`) with this environment; its output goes to `logs`. Build the bundle first. */
export function spawnWorkerProcess(env: Record<string, string>, name: string, logs: string[]): ChildProcess {
  const child = spawn(process.execPath, WORKER_ARGS, { cwd: ROOT, env: Object.assign({}, process.env, { NODE_ENV: "production" }, env), stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => logs.push(`[${name}] ${d}`));
  child.stderr!.on("data", (d) => logs.push(`[${name}] ${d}`));
  return child;
}

/** SIGTERM, then SIGKILL after 5 s; resolves when the process has exited. */
export function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 5_000).unref();
  });
}

/**
 * The whole product as separate processes, as a user runs it: a seeded local hub (in-process),
 * a fresh database, `next start` on the production build and worker processes.
 */
export async function startStack(label: string, opts: StackOptions = {}) {
  if (!existsSync(path.join(ROOT, ".next/BUILD_ID"))) {
    throw new Error("No Next.js production build: run `npx next build` (npm test does it first).");
  }
  const hub = await startDemoHub();
  await opts.prepareHub?.(hub);
  const redisUrl = opts.redisUrl ?? REDIS_URL;
  const database = await createTestDatabase(label);
  const port = await freePort();
  const webUrl = `http://127.0.0.1:${port}`;
  const logs: string[] = [];
  const queuePrefix = testQueuePrefix(label);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    HF_ENDPOINT: hub.url,
    DATASETS_SERVER_URL: hub.url,
    HF_TOKEN: DEMO_TOKEN,
    PUBLIC_URL: webUrl,
    MODEL_CACHE_DIR: path.join(hub.dir, ".model-cache"),
    WORKER_CONCURRENCY: "2",
    // Suites that want the self-reported import run it themselves, so none lands mid-walkthrough.
    SELF_REPORTED_IMPORT_EVERY_MS: "0",
    NODE_ENV: "production",
    ...opts.env,
  };
  const spawnLogged = (name: string, args: string[]) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    child.stdout!.on("data", (d) => logs.push(`[${name}] ${d}`));
    child.stderr!.on("data", (d) => logs.push(`[${name}] ${d}`));
    return child;
  };
  const web = spawnLogged("web", [path.join(ROOT, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"]);
  await buildWorkerBundle();
  const startWorker = (i: number) => spawnLogged(`worker${i}`, WORKER_ARGS);
  const workers = Array.from({ length: opts.workers ?? 1 }, (_, i) => startWorker(i));
  const worker = workers[0];
  try {
    await waitForHttp(`${webUrl}/api/tasks`, web);
  } catch (err) {
    web.kill("SIGKILL");
    for (const w of workers) w.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${logs.join("")}`);
  }
  const stop = stopProcess;
  return {
    hub,
    database,
    webUrl,
    logs,
    queuePrefix,
    workers,
    /** Starts one more worker process (e.g. after one was killed). */
    addWorker() {
      const w = startWorker(workers.length);
      workers.push(w);
      return w;
    },
    async close() {
      await Promise.all([stop(web), ...workers.map(stop)]);
      // Leave Redis as we found it: drop this run's queue keys.
      const conn = createRedis(redisUrl);
      conn.on("error", () => {});
      const queue = new Queue(EVALUATION_QUEUE, { connection: conn, prefix: queuePrefix });
      await obliterateQueues(queue);
      await queue.close();
      await deleteKeys(conn, `${queuePrefix}:rate-limit:*`).catch(() => {});
      conn.disconnect();
      await database.drop();
      await hub.close();
    },
  };
}
