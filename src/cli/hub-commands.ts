import path from "node:path";
import { startLocalHub } from "@/localhub/server";
import { HubStore } from "@/localhub/store";
import { buildDemoContent } from "@/seed/demo-content";
import { CliError, one, required, type ParsedArgs } from "./args";

export async function hubServeCommand(args: ParsedArgs): Promise<void> {
  const dir = path.resolve(required(args, "dir"));
  const port = Number(one(args, "port") ?? 7860);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be 0..65535`);
  const hub = await startLocalHub({ dir, port, host: one(args, "host") ?? "127.0.0.1" });
  console.log(`local hub serving ${dir} at ${hub.url}`);
  const stop = async () => {
    await hub.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

/** Builds the demo content and commits it into DIR; repos that already exist are left alone. */
export async function seedHub(dir: string, log: (line: string) => void = console.log): Promise<string[]> {
  const store = new HubStore({ dir });
  const repos = await buildDemoContent();
  const created: string[] = [];
  for (const repo of repos) {
    const ref = { type: repo.type, name: repo.name };
    if (await store.repoExists(ref)) {
      log(`exists  ${repo.type} ${repo.name}`);
      continue;
    }
    await store.createRepo(ref);
    await store.commit({ repo: ref, message: "Initial commit from evalhub hub seed", files: repo.files, author: "evalhub-demo" });
    created.push(`${repo.type}:${repo.name}`);
    log(`created ${repo.type} ${repo.name}${repo.summary ? ` (${repo.summary})` : ""}`);
  }
  return created;
}

export async function hubSeedCommand(args: ParsedArgs): Promise<void> {
  await seedHub(path.resolve(required(args, "dir")));
}
