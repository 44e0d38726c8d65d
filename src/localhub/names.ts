import { badRequest } from "./errors";

export type RepoType = "model" | "dataset";
/** A repo designation; `name` is "owner/name". */
export interface RepoRef {
  type: RepoType;
  name: string;
}

/** Folder under the hub dir that holds repos of a type (also the `/api/{models|datasets}` segment). */
export const TYPE_DIR: Record<RepoType, string> = { model: "models", dataset: "datasets" };

// Same spirit as the Hub's rule: letters, digits, "-", "_", "."; no "--" or ".." (transformers.js
// rejects those in model ids) and no leading dot, which also keeps us inside the hub dir.
// Top-level URL segments of the Hub: an owner with one of these names would shadow the routes.
const RESERVED_OWNERS = new Set(["api", "datasets", "models", "spaces"]);

const NAME_PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,95}$/;

export function isValidNamePart(part: string): boolean {
  return NAME_PART.test(part) && !part.includes("--") && !part.includes("..");
}

/** Throws 400 unless `name` is a well-formed "owner/name". */
export function assertRepoName(name: string): void {
  const parts = name.split("/");
  if (parts.length !== 2 || !parts.every(isValidNamePart) || RESERVED_OWNERS.has(parts[0])) {
    throw badRequest(`Invalid repo name "${name}": expected "owner/name" with letters, digits, "-", "_" or "."`);
  }
}

export function repoLabel(repo: RepoRef): string {
  return repo.type === "model" ? repo.name : `datasets/${repo.name}`;
}

/**
 * Validates a path inside a repo: relative, "/"-separated, no empty, "." or ".." segment, no NUL.
 * Git would accept odd paths, but they are never legitimate and `..` is how traversal starts.
 */
export function assertRepoPath(path: string): void {
  const bad =
    path.length === 0 ||
    path.length > 1024 ||
    path.includes("\0") ||
    path.includes("\n") ||
    path.includes("\\") ||
    path.split("/").some((seg) => seg === "" || seg === "." || seg === ".." || seg === ".git");
  if (bad) throw badRequest(`Invalid path in repo: "${path}"`);
}

// A revision is a branch name, a full ref ("refs/pr/1", "refs/convert/parquet") or a hex sha.
// Everything else git's rev-parse understands (`main~1`, `@{u}`, `a..b`, leading "-") is refused,
// because user input must never reach git as an option or a revision expression.
const REV = /^[A-Za-z0-9_][A-Za-z0-9._\/-]{0,254}$/;

export function isValidRevision(rev: string): boolean {
  return (
    REV.test(rev) &&
    !rev.includes("..") &&
    !rev.includes("//") &&
    !rev.endsWith("/") &&
    !rev.endsWith(".lock") &&
    !rev.split("/").some((seg) => seg.startsWith("."))
  );
}

export function assertRevision(rev: string): void {
  if (!isValidRevision(rev)) throw badRequest(`Invalid revision "${rev}"`);
}

/** "main" -> "refs/heads/main"; "refs/pr/1" stays; "HEAD" is the default branch. */
export function branchToRef(branch: string): string {
  if (branch === "HEAD") return "refs/heads/main";
  assertRevision(branch);
  return branch.startsWith("refs/") ? branch : `refs/heads/${branch}`;
}

/** Number N of a "refs/pr/N" ref, else null. */
export function prNumOfRef(ref: string): number | null {
  const m = /^refs\/pr\/(\d+)$/.exec(ref);
  return m ? Number(m[1]) : null;
}

export const isSha = (rev: string): boolean => /^[0-9a-f]{40}$/.test(rev);
