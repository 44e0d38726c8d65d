import { readdir, rename, rm, stat } from "node:fs/promises";
import path from "node:path";
import { isBareRepo, listDirs, writeJsonFileAtomic } from "./fs-utils";
import { buildTree, createCommit, initBareRepo, updateRef, type DiskFileAddition } from "./git-objects";
import { isValidNamePart, TYPE_DIR, type RepoType } from "./names";

const TYPES: RepoType[] = ["model", "dataset"];

/**
 * Turns every plain folder `{dir}/{models|datasets}/{owner}/{name}/` (anything that is not a bare
 * repo) into a bare repo, in place, whose main branch has one commit holding all its files. A
 * `.git` folder inside is skipped: only the files are imported, not a clone's history.
 * Returns the imported repos as "model:owner/name" / "dataset:owner/name".
 */
export async function importPlainFolders(
  dir: string,
  metaFile: string,
  newMeta: () => object,
): Promise<string[]> {
  const imported: string[] = [];
  for (const type of TYPES) {
    const root = path.join(dir, TYPE_DIR[type]);
    for (const owner of await listDirs(root)) {
      for (const name of await listDirs(path.join(root, owner))) {
        const folder = path.join(root, owner, name);
        if (await isBareRepo(folder)) continue;
        if (!isValidNamePart(owner) || !isValidNamePart(name)) {
          console.warn(`[localhub] skipping ${folder}: not a valid "owner/name"`);
          continue;
        }
        try {
          await convertFolder(folder, metaFile, newMeta);
          imported.push(`${type}:${owner}/${name}`);
        } catch (err) {
          // One unreadable folder must not keep the hub from starting; it stays as it was.
          console.warn(`[localhub] could not import ${folder}: ${(err as Error).message}`);
        }
      }
    }
  }
  return imported;
}

async function convertFolder(folder: string, metaFile: string, newMeta: () => object): Promise<void> {
  const parent = path.dirname(folder);
  const base = path.basename(folder);
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = path.join(parent, `.${base}.importing-${stamp}`);
  const backup = path.join(parent, `.${base}.plain-${stamp}`);
  try {
    await initBareRepo(tmp);
    const files = await walk(folder, "");
    const tree = await buildTree(tmp, null, { files });
    const oid = await createCommit(tmp, { tree, parents: [], message: "Import plain folder", author: "evalhub-bot" });
    await updateRef(tmp, "refs/heads/main", oid, null);
    await writeJsonFileAtomic(path.join(tmp, metaFile), newMeta());
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
  // Swap the folders; the plain files are then only needed as a backup until the swap succeeded.
  await rename(folder, backup);
  await rename(tmp, folder);
  await rm(backup, { recursive: true, force: true });
}

async function walk(root: string, rel: string): Promise<DiskFileAddition[]> {
  const out: DiskFileAddition[] = [];
  for (const entry of await readdir(path.join(root, rel), { withFileTypes: true })) {
    const relPath = rel ? `${rel}/${entry.name}` : entry.name;
    const abs = path.join(root, relPath);
    if (entry.name === ".git") continue;
    // Symlinks are followed: the repo stores the content they point to.
    const info = entry.isSymbolicLink() ? await stat(abs).catch(() => null) : entry;
    if (info?.isDirectory()) out.push(...(await walk(root, relPath)));
    else if (info?.isFile()) out.push({ path: relPath, sourceFile: abs });
  }
  return out;
}
