/**
 * `npm run demo`: the whole product on one machine, offline. Checks PostgreSQL and Redis, applies
 * migrations, seeds a local hub on first run, then starts the local hub, a worker and the web app.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { Redis } from "ioredis";
import { seedHub } from "@/cli/hub-commands";
import { readEnv } from "@/env";
import { DEMO_HANDLERS, startInferenceStub } from "@/inference-stub";
import { getDb } from "@/server/db/client";
import { migrateDatabase } from "@/server/db/migrate";
import { importSelfReported } from "@/server/self-reported/import-self-reported";
import { DEFAULT_DEMO_DATASET_ID } from "@/seed/demo-content";
import { startLocalHub } from "@/localhub/server";

const root = path.resolve(import.meta.dirname, "..");
const env = readEnv();
const dataDir = path.resolve(process.env.EVALHUB_DATA_DIR ?? path.join(root, ".data"));
const hubDir = path.join(dataDir, "hub");
const hubPort = Number(process.env.HUB_PORT ?? 7860);
const webPort = Number(process.env.PORT ?? 3000);
// The local hub accepts any hf_ token; this one identifies the demo's bot user. Not a secret.
const demoToken = process.env.HF_TOKEN ?? "hf_evalhub_demo_local";

async function checkServices(): Promise<boolean> {
  let ok = true;
  const admin = new URL(env.DATABASE_URL);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (err) {
    ok = false;
    console.error(`✗ PostgreSQL is not answering at ${redact(env.DATABASE_URL)} (${(err as Error).message}).
  Start it with:  docker compose up -d postgres
  or set DATABASE_URL to a PostgreSQL you have (default postgresql://postgres@127.0.0.1:5432/evalhub).`);
  }
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 3000, retryStrategy: () => null });
  redis.on("error", () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    ok = false;
    console.error(`✗ Redis is not answering at ${redact(env.REDIS_URL)} (${(err as Error).message}).
  Start it with:  docker compose up -d redis
  or set REDIS_URL (default redis://127.0.0.1:6379).`);
  } finally {
    redis.disconnect();
  }
  return ok;
}

function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "generated") continue;
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

async function main() {
  if (!(await checkServices())) process.exit(1);
  await migrateDatabase({ databaseUrl: env.DATABASE_URL, log: (l) => console.log(`db: ${l}`) });
  mkdirSync(hubDir, { recursive: true });
  const created = await seedHub(hubDir, (l) => console.log(`seed: ${l}`));
  if (created.length) console.log(`seed: ${created.length} repos written to ${hubDir}`);
  const hub = await startLocalHub({ dir: hubDir, port: hubPort });
  console.log(`local hub: ${hub.url} (repos in ${hubDir})`);
  // The demo's zero-shot model cards claim results (model-index): the leaderboard shows them at once.
  const claims = await importSelfReported({ db: getDb(env.DATABASE_URL), hub: { hubUrl: hub.url, accessToken: demoToken }, datasets: [DEFAULT_DEMO_DATASET_ID] });
  console.log(`self-reported: ${claims.upserted} model-card results imported for ${DEFAULT_DEMO_DATASET_ID}`);
  // Seq2seq demo models (summarization, translation) are served the way Inference Endpoints are.
  const stub = await startInferenceStub({ port: Number(process.env.INFERENCE_STUB_PORT ?? 7861), handlers: DEMO_HANDLERS });
  const remoteEndpoints = JSON.stringify(Object.fromEntries(Object.keys(DEMO_HANDLERS).map((m) => [m, { endpointUrl: stub.endpointUrl(m) }])));
  console.log(`inference stub: ${stub.url} (${Object.keys(DEMO_HANDLERS).length} remote demo models)`);

  const buildId = path.join(root, ".next/BUILD_ID");
  if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestMtime(path.join(root, "src"))) {
    console.log("web: building the Next.js app (first run or sources changed)…");
    const r = spawnSync(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "build"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  // The worker runs bundled under plain node (less memory than through tsx).
  const built = spawnSync(process.execPath, [path.join(root, "scripts/build-node.mjs"), "worker"], { cwd: root, stdio: "inherit" });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const publicUrl = `http://localhost:${webPort}`;
  const childEnv = { ...process.env, HF_ENDPOINT: hub.url, DATASETS_SERVER_URL: hub.url, HF_TOKEN: demoToken, PUBLIC_URL: publicUrl, DATABASE_URL: env.DATABASE_URL, REDIS_URL: env.REDIS_URL, REMOTE_ENDPOINTS: remoteEndpoints };
  const children: ChildProcess[] = [
    spawn(process.execPath, ["--max-old-space-size=160", path.join(root, "dist/worker.mjs")], { cwd: root, env: childEnv, stdio: "inherit" }),
    spawn(process.execPath, [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(webPort)], { cwd: root, env: childEnv, stdio: ["ignore", "ignore", "inherit"] }),
  ];
  await waitFor(`${publicUrl}/api/health`);
  console.log(`\nEvalHub is running: ${publicUrl}\n  Try: ${publicUrl}/evaluate?dataset=evalhub-demo/sst2\n  Ctrl-C stops everything.\n`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    for (const c of children) c.kill("SIGTERM");
    await hub.close();
    await stub.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  for (const c of children) c.on("exit", (code) => { if (!stopping) { console.error(`a demo process exited (${code}); stopping`); void stop(); } });
}

async function waitFor(url: string, timeoutMs = 120_000) {
  const start = Date.now();
  while (Date.now() - start < timeoutMs) {
    try {
      const res = await fetch(url);
      if (res.status < 500 || res.status === 503) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000}s`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
