import path from "node:path";
import type { Readable } from "node:stream";
import { cardDescription, parseCardData } from "./card";
import { HubError } from "./errors";
import { git, gitText, streamBlob } from "./git";
import { LOG_FORMAT, parseLog, parseLsTree } from "./git-parse";
import type { CommitInfo, RepoFile, RepoRefs, RepoSnapshot, RepoTreeEntry, GitRefInfo } from "./repo-types";
import { assertRepoName, assertRepoPath, isSha, isValidRevision, TYPE_DIR, type RepoRef } from "./names";
import { isBareRepo } from "./fs-utils";

export type { CommitInfo, GitRefInfo, RepoFile, RepoRefs, RepoSnapshot, RepoTreeEntry } from "./repo-types";

const CACHE_LIMIT = 5000;

/**
 * Methods taking a `sha` (not a revision) expect what resolveRevision returned: the check keeps
 * arbitrary strings from ever reaching git's command line as options or revision expressions.
 */
function assertSha(sha: string): void {
  if (!isSha(sha)) throw new HubError("BadRequest", `Expected a full commit sha, got "${sha}"`);
}

/** Read side of the store: every method is safe to call concurrently with writes. */
export class RepoReader {
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  /** Absolute path of the bare repo (validates the name, so it never escapes `dir`). */
  gitDir(repo: RepoRef): string {
    assertRepoName(repo.name);
    const [owner, name] = repo.name.split("/");
    return path.join(this.dir, TYPE_DIR[repo.type], owner, name);
  }

  repoExists(repo: RepoRef): Promise<boolean> {
    return isBareRepo(this.gitDir(repo));
  }

  async assertRepo(repo: RepoRef): Promise<void> {
    if (!(await this.repoExists(repo))) throw new HubError("RepoNotFound", `Repository Not Found for url: ${repo.type}s/${repo.name}`);
  }

  /** Sha a full ref points at, or null (also for an unborn main). */
  async resolveRef(repo: RepoRef, ref: string): Promise<string | null> {
    const out = await git(this.gitDir(repo), ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], { okCodes: [1, 128] });
    const sha = out.stdout.toString("utf8").trim();
    return out.code === 0 && isSha(sha) ? sha : null;
  }

  /** "HEAD"/"main"/other branch, tag, full ref ("refs/pr/1", "refs/convert/parquet") or (short) sha -> sha. */
  async resolveRevision(repo: RepoRef, revision: string): Promise<string | null> {
    await this.assertRepo(repo);
    if (revision === "HEAD") return this.resolveRef(repo, "refs/heads/main");
    if (!isValidRevision(revision)) return null;
    if (revision.startsWith("refs/")) return this.resolveRef(repo, revision);
    const named = (await this.resolveRef(repo, `refs/heads/${revision}`)) ?? (await this.resolveRef(repo, `refs/tags/${revision}`));
    if (named) return named;
    return /^[0-9a-f]{7,40}$/.test(revision) ? this.resolveRef(repo, revision) : null;
  }

  /** Like resolveRevision but throws RevisionNotFound. */
  async requireRevision(repo: RepoRef, revision: string): Promise<string> {
    const sha = await this.resolveRevision(repo, revision);
    if (!sha) throw new HubError("RevisionNotFound", `Invalid rev id: ${revision}`);
    return sha;
  }

  async listFiles(repo: RepoRef, revision: string): Promise<RepoFile[]> {
    const sha = await this.requireRevision(repo, revision);
    return (await this.snapshot(repo, sha)).files;
  }

  /** Entries under `dir` ("" = root): direct children, or everything (directories too) when recursive. */
  async listTree(repo: RepoRef, sha: string, opts: { dir?: string; recursive?: boolean } = {}): Promise<RepoTreeEntry[]> {
    assertSha(sha);
    const dir = opts.dir?.replace(/\/+$/, "") ?? "";
    let treeish = sha;
    if (dir) {
      assertRepoPath(dir);
      const entry = await this.statEntry(repo, sha, dir);
      if (entry?.type !== "tree") throw new HubError("EntryNotFound", `${dir} does not exist on "${sha}"`);
      treeish = `${sha}:${dir}`;
    }
    const args = ["ls-tree", "-l", "-z", ...(opts.recursive ? ["-r", "-t"] : []), treeish];
    return parseLsTree((await git(this.gitDir(repo), args)).stdout, dir ? `${dir}/` : "");
  }

  /** Blob oid and size of a file at a commit, or null if there is no file at that path. */
  async statFile(repo: RepoRef, sha: string, filePath: string): Promise<{ oid: string; size: number } | null> {
    assertSha(sha);
    assertRepoPath(filePath);
    const entry = await this.statEntry(repo, sha, filePath);
    return entry?.type === "blob" ? { oid: entry.oid, size: entry.size } : null;
  }

  /** A file or directory at a commit (directories have size 0), or null. */
  async statPath(repo: RepoRef, sha: string, p: string): Promise<RepoTreeEntry | null> {
    assertSha(sha);
    assertRepoPath(p);
    const entry = await this.statEntry(repo, sha, p);
    if (!entry) return null;
    return { type: entry.type === "tree" ? "directory" : "file", oid: entry.oid, size: entry.type === "tree" ? 0 : entry.size, path: p };
  }

  async readFile(repo: RepoRef, revision: string, filePath: string): Promise<Uint8Array | null> {
    const sha = await this.requireRevision(repo, revision);
    const entry = await this.statFile(repo, sha, filePath);
    if (!entry) return null;
    return new Uint8Array((await git(this.gitDir(repo), ["cat-file", "blob", entry.oid])).stdout);
  }

  /** Streams bytes [start, end] of a blob found with statFile. */
  streamFile(repo: RepoRef, oid: string, start: number, end: number): Readable {
    return streamBlob(this.gitDir(repo), oid, start, end);
  }

  commitInfo(repo: RepoRef, sha: string): Promise<CommitInfo> {
    return this.memo(`${this.gitDir(repo)}@${sha}:commit`, async () => {
      const [info] = await this.logCommits(repo, sha, { limit: 1 });
      return info;
    });
  }

  /** Commits reachable from `sha`, newest first, and how many there are in total. */
  async listCommits(repo: RepoRef, sha: string, opts: { skip?: number; limit?: number } = {}): Promise<{ commits: CommitInfo[]; total: number }> {
    assertSha(sha);
    const total = Number(await gitText(this.gitDir(repo), ["rev-list", "--count", sha]));
    return { commits: await this.logCommits(repo, sha, opts), total };
  }

  /** Last commit that touched `filePath` (file or directory) as of `sha`. */
  async lastCommitFor(repo: RepoRef, sha: string, filePath: string): Promise<CommitInfo | undefined> {
    const [info] = await this.logCommits(repo, sha, { limit: 1, path: filePath });
    return info;
  }

  async listRefs(repo: RepoRef): Promise<RepoRefs> {
    await this.assertRepo(repo);
    const out = await gitText(this.gitDir(repo), ["for-each-ref", "--format=%(refname)%00%(objectname)%00%(*objectname)"]);
    const refs: RepoRefs = { branches: [], tags: [], converts: [], pullRequests: [] };
    for (const line of out.split("\n").filter(Boolean)) {
      const [ref, oid, peeled] = line.split("\0");
      const item = (name: string): GitRefInfo => ({ name, ref, targetCommit: peeled || oid });
      if (ref.startsWith("refs/heads/")) refs.branches.push(item(ref.slice(11)));
      else if (ref.startsWith("refs/tags/")) refs.tags.push(item(ref.slice(10)));
      else if (ref.startsWith("refs/convert/")) refs.converts.push(item(ref.slice(13)));
      else if (ref.startsWith("refs/pr/")) refs.pullRequests.push(item(ref));
    }
    return refs;
  }

  /** Files, parsed README front matter and config.json at a commit (cached: a sha never changes). */
  snapshot(repo: RepoRef, sha: string): Promise<RepoSnapshot> {
    assertSha(sha);
    return this.memo(`${this.gitDir(repo)}@${sha}:snapshot`, async () => {
      const files = (await this.listTree(repo, sha, { recursive: true }))
        .filter((e) => e.type === "file")
        .map(({ path: p, size, oid }) => ({ path: p, size, oid }));
      const readText = async (p: string) => {
        const f = files.find((x) => x.path === p);
        return f ? (await git(this.gitDir(repo), ["cat-file", "blob", f.oid])).stdout.toString("utf8") : undefined;
      };
      const readme = await readText("README.md");
      const cardData = parseCardData(readme);
      let config: Record<string, unknown> | undefined;
      try {
        const raw = await readText("config.json");
        config = raw === undefined ? undefined : (JSON.parse(raw) as Record<string, unknown>);
      } catch {
        config = undefined; // A broken config.json must not break repo listings.
      }
      return { files, cardData, description: cardDescription(readme), config };
    });
  }

  private async statEntry(repo: RepoRef, sha: string, p: string) {
    // batch-check reads "<rev>:<path>" literally (no pathspec magic) and reports "missing" instead of failing.
    const out = await gitText(this.gitDir(repo), ["cat-file", "--batch-check"], { input: `${sha}:${p}\n` });
    const [oid, type, size] = out.split(" ");
    return type === "blob" || type === "tree" ? { oid, type, size: Number(size) } : null;
  }

  private async logCommits(repo: RepoRef, sha: string, opts: { skip?: number; limit?: number; path?: string }): Promise<CommitInfo[]> {
    assertSha(sha);
    const args = ["log", `--format=${LOG_FORMAT}`, `--skip=${opts.skip ?? 0}`];
    if (opts.limit !== undefined) args.push(`-n${opts.limit}`);
    args.push(sha);
    if (opts.path) args.push("--", opts.path);
    return parseLog((await git(this.gitDir(repo), args)).stdout);
  }

  private memo<T>(key: string, compute: () => Promise<T>): Promise<T> {
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      hit = compute();
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }
}
