import { randomBytes } from "node:crypto";
import { readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";

/** Reads a JSON file, or returns `fallback` when it does not exist. */
export async function readJsonFile<T>(file: string, fallback: T): Promise<T> {
  try {
    return JSON.parse(await readFile(file, "utf8")) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return fallback;
    throw err;
  }
}

/** Write-to-temp then rename: a reader (or a crash) never sees a half-written file. */
export async function writeJsonFileAtomic(file: string, value: unknown): Promise<void> {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, JSON.stringify(value, null, 2) + "\n");
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/** A folder is a bare repo (as opposed to a plain folder of files) when it has HEAD and objects/. */
export async function isBareRepo(dir: string): Promise<boolean> {
  const [head, objects] = await Promise.all([
    stat(path.join(dir, "HEAD")).catch(() => null),
    stat(path.join(dir, "objects")).catch(() => null),
  ]);
  return Boolean(head?.isFile() && objects?.isDirectory());
}

/** Sub-folders of `dir`, without hidden ones (our temp folders start with a dot). [] if `dir` is missing. */
export async function listDirs(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name);
}

export async function pathExists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}
