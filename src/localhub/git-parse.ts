import type { CommitInfo, RepoTreeEntry } from "./repo-types";

/** Parsers for git plumbing output (always requested NUL-separated, so any file name is safe). */

/** `git log` format parsed by parseLog: fields NUL-separated, records ended by 0x1e. */
export const LOG_FORMAT = "%H%x00%P%x00%an%x00%cI%x00%B%x1e";

export function parseLog(out: Buffer): CommitInfo[] {
  return out
    .toString("utf8")
    .split("\x1e")
    .map((rec) => rec.replace(/^\n/, ""))
    .filter(Boolean)
    .map((rec) => {
      const [oid, parents, author, date, body] = rec.split("\0");
      const message = body.trim();
      return {
        oid,
        author,
        message,
        parents: parents ? parents.split(" ") : [],
        date: new Date(date).toISOString(),
        title: message.split("\n")[0],
      };
    });
}

/** Parses `git ls-tree -l -z` ("<mode> <type> <oid> <size>\t<path>"), prefixing paths with `prefix`. */
export function parseLsTree(out: Buffer, prefix: string): RepoTreeEntry[] {
  const entries: RepoTreeEntry[] = [];
  for (const rec of out.toString("utf8").split("\0")) {
    const m = /^(\d+) (\w+) ([0-9a-f]+)\s+(\S+)\t([\s\S]*)$/.exec(rec);
    if (!m || (m[2] !== "blob" && m[2] !== "tree")) continue; // skips submodules
    entries.push({
      type: m[2] === "tree" ? "directory" : "file",
      oid: m[3],
      size: m[2] === "tree" ? 0 : Number(m[4]),
      path: prefix + m[5],
    });
  }
  return entries;
}
