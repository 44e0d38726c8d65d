import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { HubError } from "./errors";
import { authorEnv, git, gitText } from "./git";
import { assertRepoPath } from "./names";

export interface FileAddition {
  path: string;
  content: Uint8Array | string;
}

/** A file to add from disk, hashed by git without loading it into memory (plain-folder import). */
export interface DiskFileAddition {
  path: string;
  sourceFile: string;
}

const HASH_CONCURRENCY = 8;

/** Writes a blob into the object database and returns its oid. */
export async function writeBlob(gitDir: string, file: FileAddition | DiskFileAddition): Promise<string> {
  if ("sourceFile" in file) return gitText(gitDir, ["hash-object", "-w", "--no-filters", "--", file.sourceFile]);
  return gitText(gitDir, ["hash-object", "-w", "--stdin"], { input: file.content });
}

/**
 * Builds the tree of `parent` (or an empty tree) with `deletes` removed and `files` added, and
 * returns its oid. Uses a throw-away index file (GIT_INDEX_FILE) so concurrent commits in other
 * repos, or a crashed commit, never leave state behind in the repo.
 *
 * A delete of a missing path is an EntryNotFound, like on the Hub; a delete of "dir" or "dir/"
 * removes everything under it (huggingface_hub sends `deletedFolder` for that).
 */
export async function buildTree(
  gitDir: string,
  parent: string | null,
  ops: { files?: (FileAddition | DiskFileAddition)[]; deletes?: string[] },
): Promise<string> {
  const indexFile = path.join(gitDir, `evalhub-index-${randomBytes(6).toString("hex")}`);
  const env = { GIT_INDEX_FILE: indexFile };
  try {
    await git(gitDir, parent ? ["read-tree", parent] : ["read-tree", "--empty"], { env });

    const deletes = ops.deletes ?? [];
    if (deletes.length > 0) {
      const listed = (await git(gitDir, ["ls-files", "-z"], { env })).stdout.toString("utf8");
      const existing = listed.split("\0").filter(Boolean);
      const removed = new Set<string>();
      for (const raw of deletes) {
        const target = raw.replace(/\/+$/, "");
        assertRepoPath(target);
        const hits = existing.filter((p) => p === target || p.startsWith(`${target}/`));
        if (hits.length === 0) throw new HubError("EntryNotFound", `Cannot delete "${raw}": no such file or folder`);
        hits.forEach((p) => removed.add(p));
      }
      const lines = [...removed].map((p) => `0 ${"0".repeat(40)}\t${p}\0`).join("");
      await git(gitDir, ["update-index", "-z", "--index-info"], { env, input: lines });
    }

    const files = ops.files ?? [];
    files.forEach((f) => assertRepoPath(f.path));
    const oids: string[] = new Array(files.length);
    for (let i = 0; i < files.length; i += HASH_CONCURRENCY) {
      const batch = files.slice(i, i + HASH_CONCURRENCY);
      const hashed = await Promise.all(batch.map((f) => writeBlob(gitDir, f)));
      hashed.forEach((oid, j) => (oids[i + j] = oid));
    }
    if (files.length > 0) {
      const lines = files.map((f, i) => `100644 ${oids[i]}\t${f.path}\0`).join("");
      // --replace: adding "a/b" over a file "a" (or the reverse) replaces it, as an upload would.
      await git(gitDir, ["update-index", "-z", "--replace", "--index-info"], { env, input: lines });
    }

    return await gitText(gitDir, ["write-tree"], { env });
  } finally {
    await rm(indexFile, { force: true });
  }
}

/** Creates an empty bare repo whose default branch is `main` (whatever the git version's default). */
export async function initBareRepo(gitDir: string): Promise<void> {
  await git(gitDir, ["init", "--bare", "--quiet"]);
  await git(gitDir, ["symbolic-ref", "HEAD", "refs/heads/main"]);
}

/** Writes a commit object (no ref update) and returns its oid. */
export async function createCommit(
  gitDir: string,
  opts: { tree: string; parents: string[]; message: string; author: string },
): Promise<string> {
  const args = ["commit-tree", opts.tree, ...opts.parents.flatMap((p) => ["-p", p]), "-F", "-"];
  // The message goes through stdin: it is user text and may start with "-" or hold any bytes.
  return gitText(gitDir, args, { input: opts.message, env: authorEnv(opts.author) });
}

/**
 * Moves `ref` to `newOid` only if it still points at `oldOid` (null = ref must not exist yet).
 * The in-process lock already serialises writers; the compare-and-swap also guards against a
 * human running git on the same repo.
 */
export async function updateRef(gitDir: string, ref: string, newOid: string, oldOid: string | null): Promise<void> {
  await git(gitDir, ["update-ref", ref, newOid, oldOid ?? ""]);
}

/** Git identities cannot contain "<", ">" or newlines; the Hub user name never should either. */
export function sanitizeAuthor(author: string | undefined): string {
  const clean = (author ?? "").replace(/[<>\n\r]/g, "").trim();
  return clean || "evalhub-bot";
}
