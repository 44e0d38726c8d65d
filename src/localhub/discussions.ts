import path from "node:path";
import {
  commentEvent, event, find, MAIN_REF, matches, newDiscussion, nextNum, prRef, pushEvent,
  type Discussion, type DiscussionEvent, type DiscussionFilter, type DiscussionsFile,
} from "./discussion-model";
import { HubError } from "./errors";
import { readJsonFile, writeJsonFileAtomic } from "./fs-utils";
import { createCommit, sanitizeAuthor, updateRef } from "./git-objects";
import type { RepoRef } from "./names";
import { EMPTY_TREE, isAncestor, mergeBase, mergeTrees, unifiedDiff } from "./pr-git";
import type { HubStore } from "./store";

export type { Discussion, DiscussionEvent, DiscussionEventType, DiscussionFilter, DiscussionStatus } from "./discussion-model";

const FILE = "evalhub-discussions.json";

/**
 * Discussions and pull requests of each repo, in `evalhub-discussions.json` inside the bare repo.
 * Numbers are shared between discussions and PRs, like on the Hub. PR commits live on `refs/pr/N`.
 * Methods ending in `Unlocked` must be called while holding the repo lock (HubStore.commit does).
 */
export class DiscussionStore {
  constructor(private readonly store: HubStore) {}

  async list(repo: RepoRef, filter: DiscussionFilter = {}): Promise<Discussion[]> {
    await this.store.assertRepo(repo);
    const { discussions } = await this.load(repo);
    return discussions
      .filter((d) => matches(d, filter))
      .sort((a, b) => b.num - a.num);
  }

  async get(repo: RepoRef, num: number): Promise<Discussion> {
    await this.store.assertRepo(repo);
    return find(await this.load(repo), num);
  }

  /** Opens a discussion, or an empty draft PR whose `refs/pr/N` starts at main. */
  create(repo: RepoRef, opts: { title: string; description?: string; pullRequest?: boolean; author: string }): Promise<Discussion> {
    return this.mutate(repo, async (file) => {
      const num = nextNum(file);
      if (opts.pullRequest) {
        const head = await this.store.resolveRef(repo, MAIN_REF);
        if (!head) throw new HubError("RevisionNotFound", "The main branch has no commit yet");
        await updateRef(this.store.gitDir(repo), prRef(num), head, null);
      }
      const d = newDiscussion(num, opts.title, opts.author, Boolean(opts.pullRequest), opts.description ?? "");
      file.discussions.push(d);
      return d;
    });
  }

  comment(repo: RepoRef, num: number, opts: { comment: string; author: string }): Promise<DiscussionEvent> {
    return this.mutate(repo, async (file) => pushEvent(find(file, num), commentEvent(opts.author, opts.comment)));
  }

  editComment(repo: RepoRef, num: number, commentId: string, opts: { content: string }): Promise<DiscussionEvent> {
    return this.mutate(repo, async (file) => {
      const ev = find(file, num).events.find((e) => e.id === commentId && e.type === "comment");
      if (!ev) throw new HubError("DiscussionNotFound", `Comment ${commentId} not found`);
      const numEdits = Number(ev.data.numEdits ?? 0) + 1;
      ev.data = { ...ev.data, edited: true, numEdits, latest: { raw: opts.content, updatedAt: new Date().toISOString() } };
      return ev;
    });
  }

  setStatus(repo: RepoRef, num: number, opts: { status: "open" | "closed"; comment?: string; author: string }): Promise<DiscussionEvent> {
    return this.mutate(repo, async (file) => {
      const d = find(file, num);
      if (d.status === "merged") throw new HubError("Conflict", "This pull request is already merged");
      if (opts.comment) pushEvent(d, commentEvent(opts.author, opts.comment));
      d.status = opts.status;
      return pushEvent(d, event("status-change", opts.author, { status: opts.status }));
    });
  }

  rename(repo: RepoRef, num: number, opts: { title: string; author: string }): Promise<DiscussionEvent> {
    return this.mutate(repo, async (file) => {
      const d = find(file, num);
      const ev = event("title-change", opts.author, { from: d.title, to: opts.title });
      d.title = opts.title;
      return pushEvent(d, ev);
    });
  }

  /** Fast-forwards the base branch to the PR, or writes a merge commit; 409 on conflicts. */
  merge(repo: RepoRef, num: number, opts: { comment?: string; author: string }): Promise<{ event: DiscussionEvent; mergeCommitId: string }> {
    const gitDir = this.store.gitDir(repo);
    return this.mutate(repo, async (file) => {
      const d = find(file, num);
      if (!d.isPullRequest) throw new HubError("BadRequest", "Only pull requests can be merged");
      if (d.status === "merged" || d.status === "closed") throw new HubError("Conflict", `This pull request is ${d.status}`);
      const base = d.baseRef ?? MAIN_REF;
      const baseHead = await this.store.resolveRef(repo, base);
      const prHead = await this.store.requireRevision(repo, prRef(num));
      let merged = prHead;
      if (baseHead && !(await isAncestor(gitDir, baseHead, prHead))) {
        const { tree, conflicts } = await mergeTrees(gitDir, baseHead, prHead);
        if (conflicts.length) throw new HubError("Conflict", `Merge conflicts in: ${conflicts.join(", ")}`);
        const message = `Merge pull request #${num}: ${d.title}`;
        merged = await createCommit(gitDir, { tree, parents: [baseHead, prHead], message, author: sanitizeAuthor(opts.author) });
      }
      d.diffBase = baseHead ? ((await mergeBase(gitDir, baseHead, prHead)) ?? EMPTY_TREE) : EMPTY_TREE;
      await updateRef(gitDir, base, merged, baseHead);
      if (opts.comment) pushEvent(d, commentEvent(opts.author, opts.comment));
      d.status = "merged";
      d.mergeCommitId = merged;
      return { event: pushEvent(d, event("status-change", opts.author, { status: "merged" })), mergeCommitId: merged };
    });
  }

  /** Unified diff of what the PR changes against its base (merge base .. refs/pr/N). */
  async diff(repo: RepoRef, num: number): Promise<string> {
    const d = await this.get(repo, num);
    if (!d.isPullRequest) return "";
    const gitDir = this.store.gitDir(repo);
    const prHead = await this.store.requireRevision(repo, prRef(num));
    let from = d.diffBase;
    if (!from) {
      const baseHead = await this.store.resolveRef(repo, d.baseRef ?? MAIN_REF);
      from = (baseHead && (await mergeBase(gitDir, baseHead, prHead))) || EMPTY_TREE;
    }
    return unifiedDiff(gitDir, from, prHead);
  }

  /** Files that would conflict if the (open) PR were merged now. */
  async conflicts(repo: RepoRef, num: number): Promise<string[]> {
    const d = await this.get(repo, num);
    if (!d.isPullRequest || d.status === "merged" || d.status === "closed") return [];
    const gitDir = this.store.gitDir(repo);
    const baseHead = await this.store.resolveRef(repo, d.baseRef ?? MAIN_REF);
    const prHead = await this.store.resolveRef(repo, prRef(num));
    if (!baseHead || !prHead || (await isAncestor(gitDir, baseHead, prHead))) return [];
    return (await mergeTrees(gitDir, baseHead, prHead)).conflicts;
  }

  /** Called by HubStore.commit for `createPr`: creates refs/pr/N at `oid` and the PR entry. */
  async openPrUnlocked(repo: RepoRef, opts: { title: string; description: string; author: string; oid: string; baseRef: string }): Promise<number> {
    const file = await this.load(repo);
    const num = nextNum(file);
    await updateRef(this.store.gitDir(repo), prRef(num), opts.oid, null);
    const d = newDiscussion(num, opts.title, opts.author, true, opts.description);
    d.status = "open";
    d.baseRef = opts.baseRef;
    pushEvent(d, event("commit", opts.author, { subject: opts.title, oid: opts.oid }));
    file.discussions.push(d);
    await this.save(repo, file);
    return num;
  }

  async assertPrAcceptsCommitsUnlocked(repo: RepoRef, num: number): Promise<void> {
    const d = find(await this.load(repo), num);
    if (!d.isPullRequest) throw new HubError("BadRequest", `#${num} is a discussion, not a pull request`);
    if (d.status === "merged") throw new HubError("Conflict", `Pull request #${num} is already merged`);
  }

  /** Called by HubStore.commit after a commit to refs/pr/N; a draft PR becomes open. */
  async recordPrCommitUnlocked(repo: RepoRef, num: number, opts: { oid: string; subject: string; author: string }): Promise<void> {
    const file = await this.load(repo);
    const d = find(file, num);
    if (d.status === "draft") d.status = "open";
    pushEvent(d, event("commit", opts.author, { subject: opts.subject, oid: opts.oid }));
    await this.save(repo, file);
  }

  private async mutate<T>(repo: RepoRef, fn: (file: DiscussionsFile) => Promise<T>): Promise<T> {
    await this.store.assertRepo(repo);
    return this.store.withRepoLock(repo, async () => {
      const file = await this.load(repo);
      const result = await fn(file);
      await this.save(repo, file);
      return result;
    });
  }

  private load(repo: RepoRef): Promise<DiscussionsFile> {
    return readJsonFile<DiscussionsFile>(path.join(this.store.gitDir(repo), FILE), { discussions: [] });
  }

  private save(repo: RepoRef, file: DiscussionsFile): Promise<void> {
    return writeJsonFileAtomic(path.join(this.store.gitDir(repo), FILE), file);
  }
}
