import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { DiscussionStore } from "./discussions";
import { HubError } from "./errors";
import { isBareRepo, listDirs, pathExists, readJsonFile, writeJsonFileAtomic } from "./fs-utils";
import { git } from "./git";
import { buildTree, createCommit, initBareRepo, sanitizeAuthor, updateRef, type FileAddition } from "./git-objects";
import { importPlainFolders } from "./import-plain";
import { KeyedMutex } from "./lock";
import { assertRepoName, branchToRef, prNumOfRef, TYPE_DIR, type RepoRef, type RepoType } from "./names";
import { RepoReader } from "./repo-reader";

export type { RepoRef, RepoType } from "./names";
export type { RepoFile, RepoTreeEntry, CommitInfo, RepoRefs, GitRefInfo } from "./repo-types";

/** Per-repo settings kept next to the git data (`evalhub-meta.json`); edit it by hand if you like. */
export interface RepoMeta {
  private: boolean;
  gated: false | "auto" | "manual";
  createdAt: string;
  downloads: number;
  likes: number;
}

export interface CommitOptions {
  repo: RepoRef;
  /** "main" (default), another branch, or a full ref such as "refs/pr/3" or "refs/convert/parquet". */
  branch?: string;
  message: string;
  description?: string;
  files?: FileAddition[];
  /** Paths to delete; "dir/" (or a folder path) deletes everything under it. */
  deletes?: string[];
  /** Open a pull request `refs/pr/N` on top of `branch` instead of moving `branch`. */
  createPr?: boolean;
  /** Without createPr: fail with Conflict unless `branch` is still at this sha. With createPr: the PR's parent. */
  parentCommit?: string;
  /** User name recorded as git author/committer and discussion author. Default "evalhub-bot". */
  author?: string;
}

const META_FILE = "evalhub-meta.json";
export const DEFAULT_GITATTRIBUTES = [
  "*.bin filter=lfs diff=lfs merge=lfs -text",
  "*.onnx filter=lfs diff=lfs merge=lfs -text",
  "*.safetensors filter=lfs diff=lfs merge=lfs -text",
  "*.parquet filter=lfs diff=lfs merge=lfs -text",
  "*.pt filter=lfs diff=lfs merge=lfs -text",
  "*.zip filter=lfs diff=lfs merge=lfs -text",
  "",
].join("\n");

/**
 * Git-backed storage of the local hub: `{dir}/models/{owner}/{name}` and
 * `{dir}/datasets/{owner}/{name}` are bare git repos. Read methods live in RepoReader (shared
 * with the HTTP layer), discussions and pull requests in `store.discussions`.
 *
 * Errors: a missing repo throws HubError "RepoNotFound", a missing revision "RevisionNotFound"
 * (except `resolveRevision`, which returns null), a missing file makes `readFile` return null.
 */
export class HubStore extends RepoReader {
  readonly discussions: DiscussionStore;
  private readonly mutex = new KeyedMutex();

  constructor(opts: { dir: string }) {
    super(path.resolve(opts.dir));
    this.discussions = new DiscussionStore(this);
  }

  /** Runs `fn` while holding the write lock of `repo` (not re-entrant). */
  withRepoLock<T>(repo: RepoRef, fn: () => Promise<T>): Promise<T> {
    return this.mutex.run(this.gitDir(repo), fn);
  }

  /**
   * Creates the bare repo and, like the Hub, an "initial commit" on main holding `.gitattributes`
   * (plus `files`, which is what `createRepo({files})` sends).
   */
  async createRepo(
    repo: RepoRef,
    opts: { private?: boolean; author?: string; files?: FileAddition[] } = {},
  ): Promise<void> {
    assertRepoName(repo.name);
    const gitDir = this.gitDir(repo);
    await this.withRepoLock(repo, async () => {
      if (await pathExists(gitDir)) throw new HubError("RepoExists", `You already created this ${repo.type} repo: ${repo.name}`);
      await mkdir(path.dirname(gitDir), { recursive: true });
      // Build in a hidden sibling, then rename: a crash never leaves a half-initialised repo.
      const tmp = path.join(path.dirname(gitDir), `.${path.basename(gitDir)}.creating-${process.pid}`);
      await rm(tmp, { recursive: true, force: true });
      try {
        await initBareRepo(tmp);
        const files = [{ path: ".gitattributes", content: DEFAULT_GITATTRIBUTES }, ...(opts.files ?? [])];
        const tree = await buildTree(tmp, null, { files });
        const oid = await createCommit(tmp, { tree, parents: [], message: "initial commit", author: sanitizeAuthor(opts.author) });
        await updateRef(tmp, "refs/heads/main", oid, null);
        await writeJsonFileAtomic(path.join(tmp, META_FILE), newMeta(opts.private));
        await rename(tmp, gitDir);
      } catch (err) {
        await rm(tmp, { recursive: true, force: true });
        throw err;
      }
    });
  }

  async deleteRepo(repo: RepoRef): Promise<void> {
    await this.assertRepo(repo);
    await this.withRepoLock(repo, () => rm(this.gitDir(repo), { recursive: true, force: true }));
  }

  async getMeta(repo: RepoRef): Promise<RepoMeta> {
    await this.assertRepo(repo);
    const stored = await readJsonFile<Partial<RepoMeta>>(path.join(this.gitDir(repo), META_FILE), {});
    return { ...newMeta(false), createdAt: "", ...stored };
  }

  async updateMeta(repo: RepoRef, patch: Partial<RepoMeta>): Promise<RepoMeta> {
    await this.assertRepo(repo);
    return this.withRepoLock(repo, async () => {
      const next = { ...(await this.getMeta(repo)), ...patch };
      await writeJsonFileAtomic(path.join(this.gitDir(repo), META_FILE), next);
      return next;
    });
  }

  /** Creates a commit on a branch, on a new pull request (`createPr`), or on an existing `refs/pr/N`. */
  async commit(opts: CommitOptions): Promise<{ oid: string; prNum?: number }> {
    const { repo } = opts;
    await this.assertRepo(repo);
    const gitDir = this.gitDir(repo);
    const ref = branchToRef(opts.branch ?? "main");
    const author = sanitizeAuthor(opts.author);
    const message = opts.description ? `${opts.message}\n\n${opts.description}` : opts.message;

    return this.withRepoLock(repo, async () => {
      const head = await this.resolveRef(repo, ref);
      if (opts.createPr) {
        if (prNumOfRef(ref) !== null) throw new HubError("BadRequest", "Cannot open a pull request on a pull request");
        const parent = opts.parentCommit ? await this.requireRevision(repo, opts.parentCommit) : head;
        if (!parent) throw new HubError("RevisionNotFound", `Invalid rev id: ${opts.branch ?? "main"}`);
        const tree = await buildTree(gitDir, parent, opts);
        const oid = await createCommit(gitDir, { tree, parents: [parent], message, author });
        const prNum = await this.discussions.openPrUnlocked(repo, {
          title: opts.message, description: opts.description ?? "", author, oid, baseRef: ref,
        });
        return { oid, prNum };
      }

      if (!head && ref !== "refs/heads/main") throw new HubError("RevisionNotFound", `Invalid rev id: ${opts.branch}`);
      if (opts.parentCommit && opts.parentCommit !== head) {
        throw new HubError("Conflict", `A commit has happened since ${opts.parentCommit}. Please refresh and try again.`);
      }
      const prNum = prNumOfRef(ref);
      if (prNum !== null) await this.discussions.assertPrAcceptsCommitsUnlocked(repo, prNum);
      const tree = await buildTree(gitDir, head, opts);
      const oid = await createCommit(gitDir, { tree, parents: head ? [head] : [], message, author });
      await updateRef(gitDir, ref, oid, head);
      if (prNum !== null) await this.discussions.recordPrCommitUnlocked(repo, prNum, { oid, subject: opts.message, author });
      return { oid, prNum: prNum ?? undefined };
    });
  }

  /**
   * Creates a branch or any ref ("dev", "refs/convert/parquet") at `from` (default main), or as an
   * orphan commit with an empty tree when `empty` is set (what parquet-convert branches look like).
   */
  async createBranch(
    repo: RepoRef,
    branch: string,
    opts: { from?: string; empty?: boolean; overwrite?: boolean; author?: string } = {},
  ): Promise<string> {
    await this.assertRepo(repo);
    const ref = branchToRef(branch);
    if (prNumOfRef(ref) !== null) throw new HubError("BadRequest", "Pull request refs are created by opening a pull request");
    const gitDir = this.gitDir(repo);
    return this.withRepoLock(repo, async () => {
      const existing = await this.resolveRef(repo, ref);
      if (existing && !opts.overwrite) throw new HubError("Conflict", `Reference ${ref} already exists`);
      let oid: string;
      if (opts.empty) {
        const tree = await buildTree(gitDir, null, {});
        oid = await createCommit(gitDir, { tree, parents: [], message: "Empty branch", author: sanitizeAuthor(opts.author) });
      } else {
        oid = await this.requireRevision(repo, opts.from ?? "main");
      }
      await updateRef(gitDir, ref, oid, existing);
      return oid;
    });
  }

  async deleteBranch(repo: RepoRef, branch: string): Promise<void> {
    await this.assertRepo(repo);
    const ref = branchToRef(branch);
    if (ref === "refs/heads/main") throw new HubError("BadRequest", "Cannot delete the default branch");
    await this.withRepoLock(repo, async () => {
      const existing = await this.resolveRef(repo, ref);
      if (!existing) throw new HubError("RevisionNotFound", `Invalid rev id: ${branch}`);
      await git(this.gitDir(repo), ["update-ref", "-d", ref, existing]);
    });
  }

  /** "owner/name" of every repo of a type, sorted. Hidden (dot) folders are skipped. */
  async listRepos(type: RepoType): Promise<string[]> {
    const root = path.join(this.dir, TYPE_DIR[type]);
    const names: string[] = [];
    for (const owner of await listDirs(root)) {
      for (const name of await listDirs(path.join(root, owner))) {
        if (await isBareRepo(path.join(root, owner, name))) names.push(`${owner}/${name}`);
      }
    }
    return names.sort();
  }

  /** Converts plain folders dropped under models/ or datasets/ into bare repos. Returns "type:owner/name" ids. */
  importPlainFolders(): Promise<string[]> {
    return importPlainFolders(this.dir, META_FILE, newMeta);
  }
}

function newMeta(isPrivate?: boolean): RepoMeta {
  return { private: isPrivate ?? false, gated: false, createdAt: new Date().toISOString(), downloads: 0, likes: 0 };
}
