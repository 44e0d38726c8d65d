import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { DemoRepo } from "./demo-content";

/**
 * Writes a repo's files under `<rootDir>/<repo.name>/`, the layout transformers.js expects for
 * `env.localModelPath = rootDir`. For tests and debugging; the demo itself commits through the hub store.
 */
export async function writeRepoDir(repo: DemoRepo, rootDir: string): Promise<string> {
  const repoDir = path.join(rootDir, ...repo.name.split("/"));
  for (const file of repo.files) {
    const target = path.join(repoDir, ...file.path.split("/"));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.content);
  }
  return repoDir;
}
