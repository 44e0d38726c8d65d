// Generates the Prisma client offline. The Prisma CLI wants a schema-engine binary it would
// download; `generate` does not use it, so any existing file satisfies the check.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schema = path.join(root, "prisma/schema.prisma");
const out = path.join(root, "src/generated/prisma/client.ts");
if (process.argv.includes("--if-stale") && existsSync(out) && statSync(out).mtimeMs >= statSync(schema).mtimeMs) process.exit(0);
const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const r = spawnSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "generate"], { cwd: root, env, stdio: "inherit" });
process.exit(r.status ?? 1);
