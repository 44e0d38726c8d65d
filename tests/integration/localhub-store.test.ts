import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { HubStore, isHubError, type RepoRef } from "@/localhub";

let dir: string;
let store: HubStore;
const model: RepoRef = { type: "model", name: "alice/tiny" };
const text = (u: Uint8Array | null) => (u ? Buffer.from(u).toString("utf8") : null);
const gitIn = (repoDir: string, ...args: string[]) =>
  execFileSync("git", ["-c", "safe.directory=*", `--git-dir=${repoDir}`, ...args], { encoding: "utf8" }).trim();

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "localhub-store-"));
  store = new HubStore({ dir });
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("HubStore repos and commits", () => {
  it("creates a bare repo with an initial commit and refuses a second create with RepoExists", async () => {
    await store.createRepo(model);
    expect(await store.repoExists(model)).toBe(true);
    const repoDir = path.join(dir, "models", "alice", "tiny");
    expect((await stat(path.join(repoDir, "objects"))).isDirectory()).toBe(true);
    expect(gitIn(repoDir, "rev-parse", "refs/heads/main")).toMatch(/^[0-9a-f]{40}$/);
    expect((await store.listFiles(model, "main")).map((f) => f.path)).toEqual([".gitattributes"]);
    await expect(store.createRepo(model)).rejects.toSatisfy((e) => isHubError(e, "RepoExists"));
    expect(await store.listRepos("model")).toEqual(["alice/tiny"]);
    expect(await store.listRepos("dataset")).toEqual([]);
  });

  it("commits real git commits with the author and reads files back at any revision", async () => {
    await store.createRepo(model);
    const first = await store.commit({ repo: model, message: "Add files", description: "details", author: "bob", files: [
      { path: "README.md", content: "# Tiny\n" },
      { path: "onnx/model.onnx", content: new Uint8Array([0, 1, 2, 255]) },
    ] });
    const repoDir = path.join(dir, "models", "alice", "tiny");
    expect(gitIn(repoDir, "rev-parse", "main")).toBe(first.oid);
    expect(gitIn(repoDir, "log", "-1", "--format=%an <%ae>|%s|%b", first.oid)).toBe("bob <bob@localhub>|Add files|details");

    const second = await store.commit({ repo: model, message: "Remove weights", deletes: ["onnx/"], files: [{ path: "README.md", content: "# v2\n" }] });
    expect((await store.listFiles(model, "main")).map((f) => f.path)).toEqual([".gitattributes", "README.md"]);
    expect(text(await store.readFile(model, "main", "README.md"))).toBe("# v2\n");
    expect(text(await store.readFile(model, first.oid, "README.md"))).toBe("# Tiny\n");
    expect(await store.readFile(model, first.oid, "onnx/model.onnx")).toEqual(new Uint8Array([0, 1, 2, 255]));
    expect(await store.readFile(model, "main", "missing.txt")).toBeNull();
    expect(await store.resolveRevision(model, "HEAD")).toBe(second.oid);
    expect(await store.resolveRevision(model, first.oid.slice(0, 12))).toBe(first.oid);
    expect(await store.resolveRevision(model, "nope")).toBeNull();
    expect(await store.resolveRevision(model, "main~1")).toBeNull(); // no git revision syntax from users
  });

  it("rejects a stale parentCommit, unsafe paths, and a missing repo", async () => {
    await store.createRepo(model);
    const base = await store.resolveRevision(model, "main");
    await store.commit({ repo: model, message: "one", files: [{ path: "a.txt", content: "a" }] });
    await expect(store.commit({ repo: model, message: "two", parentCommit: base!, files: [{ path: "b.txt", content: "b" }] }))
      .rejects.toSatisfy((e) => isHubError(e, "Conflict"));
    await expect(store.commit({ repo: model, message: "x", files: [{ path: "../evil", content: "x" }] }))
      .rejects.toSatisfy((e) => isHubError(e, "BadRequest"));
    await expect(store.commit({ repo: model, message: "x", deletes: ["nope.txt"] })).rejects.toSatisfy((e) => isHubError(e, "EntryNotFound"));
    await expect(store.resolveRevision({ type: "dataset", name: "alice/none" }, "main")).rejects.toSatisfy((e) => isHubError(e, "RepoNotFound"));
  });

  it("reads any ref under refs/, e.g. an orphan refs/convert/parquet branch", async () => {
    const ds: RepoRef = { type: "dataset", name: "alice/sst2" };
    await store.createRepo(ds);
    await store.createBranch(ds, "refs/convert/parquet", { empty: true });
    const c = await store.commit({ repo: ds, branch: "refs/convert/parquet", message: "parquet", files: [{ path: "default/train/0000.parquet", content: "PAR1" }] });
    expect(await store.resolveRevision(ds, "refs/convert/parquet")).toBe(c.oid);
    expect((await store.listFiles(ds, "refs/convert/parquet")).map((f) => f.path)).toEqual(["default/train/0000.parquet"]);
    expect((await store.listRefs(ds)).converts).toEqual([{ name: "parquet", ref: "refs/convert/parquet", targetCommit: c.oid }]);
    await expect(store.commit({ repo: ds, branch: "no-such-branch", message: "x" })).rejects.toSatisfy((e) => isHubError(e, "RevisionNotFound"));
  });

  it("concurrent commits to one repo lose nothing", async () => {
    await store.createRepo(model);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => store.commit({ repo: model, message: `file ${i}`, files: [{ path: `f/${i}.txt`, content: String(i) }] })),
    );
    const files = await store.listFiles(model, "main");
    expect(files.filter((f) => f.path.startsWith("f/"))).toHaveLength(20);
    const head = (await store.resolveRevision(model, "main"))!;
    expect((await store.listCommits(model, head)).total).toBe(21);
  });
});

describe("HubStore pull requests", () => {
  it("opens refs/pr/N with shared numbering and records later commits on the PR", async () => {
    await store.createRepo(model);
    const mainBefore = await store.resolveRevision(model, "main");
    const d1 = await store.discussions.create(model, { title: "Question", description: "why?", author: "carol" });
    const pr = await store.commit({ repo: model, createPr: true, message: "Add eval results", description: "PR body", files: [{ path: ".eval_results/a.yaml", content: "x: 1\n" }] });
    expect(d1.num).toBe(1);
    expect(pr.prNum).toBe(2);
    expect(await store.resolveRevision(model, "main")).toBe(mainBefore); // main untouched
    expect(await store.resolveRevision(model, "refs/pr/2")).toBe(pr.oid);

    const follow = await store.commit({ repo: model, branch: "refs/pr/2", message: "Fix value", files: [{ path: ".eval_results/a.yaml", content: "x: 2\n" }] });
    const d = await store.discussions.get(model, 2);
    expect(d).toMatchObject({ num: 2, isPullRequest: true, status: "open", title: "Add eval results" });
    expect(d.events.map((e) => e.type)).toEqual(["comment", "commit", "commit"]);
    expect(d.events[0].data).toMatchObject({ latest: { raw: "PR body" } });
    expect(d.events[2].data).toEqual({ subject: "Fix value", oid: follow.oid });
    expect(await store.discussions.diff(model, 2)).toContain("+x: 2");
  });

  it("concurrent PR creations get distinct numbers", async () => {
    await store.createRepo(model);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.commit({ repo: model, createPr: true, message: `pr ${i}`, files: [{ path: `p${i}`, content: "x" }] })),
    );
    expect(results.map((r) => r.prNum).sort((a, b) => a! - b!)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(await store.discussions.list(model)).toHaveLength(8);
  });

  it("merges by fast-forward, by merge commit, and refuses conflicts", async () => {
    await store.createRepo(model);
    await store.commit({ repo: model, message: "base", files: [{ path: "shared.txt", content: "base\n" }] });
    const ff = await store.commit({ repo: model, createPr: true, message: "ff", files: [{ path: "ff.txt", content: "1" }] });
    const clash = await store.commit({ repo: model, createPr: true, message: "clash", files: [{ path: "shared.txt", content: "pr\n" }] });
    const side = await store.commit({ repo: model, createPr: true, message: "side", files: [{ path: "side.txt", content: "s" }] });

    const m1 = await store.discussions.merge(model, ff.prNum!, { author: "alice" });
    expect(m1.mergeCommitId).toBe(ff.oid);
    await store.commit({ repo: model, message: "main moves", files: [{ path: "shared.txt", content: "main\n" }] });

    expect(await store.discussions.conflicts(model, clash.prNum!)).toEqual(["shared.txt"]);
    await expect(store.discussions.merge(model, clash.prNum!, { author: "alice" })).rejects.toSatisfy((e) => isHubError(e, "Conflict"));

    const m3 = await store.discussions.merge(model, side.prNum!, { author: "alice", comment: "thanks" });
    expect(m3.mergeCommitId).not.toBe(side.oid);
    const info = await store.commitInfo(model, m3.mergeCommitId);
    expect(info.parents).toHaveLength(2);
    expect((await store.listFiles(model, "main")).map((f) => f.path)).toEqual(expect.arrayContaining(["ff.txt", "side.txt", "shared.txt"]));
    expect((await store.discussions.get(model, side.prNum!)).status).toBe("merged");
    expect(await store.discussions.diff(model, side.prNum!)).toContain("+++ b/side.txt");
  });
});

describe("HubStore.importPlainFolders", () => {
  it("turns a plain folder into a bare repo with one commit holding all its files", async () => {
    const plain = path.join(dir, "datasets", "bob", "reviews");
    await mkdir(path.join(plain, "data"), { recursive: true });
    await writeFile(path.join(plain, "README.md"), "---\nlicense: mit\n---\n");
    await writeFile(path.join(plain, "data", "train.csv"), "text,label\nhi,1\n");

    expect(await store.importPlainFolders()).toEqual(["dataset:bob/reviews"]);
    const ds: RepoRef = { type: "dataset", name: "bob/reviews" };
    expect(await store.repoExists(ds)).toBe(true);
    expect((await store.listFiles(ds, "main")).map((f) => f.path)).toEqual(["README.md", "data/train.csv"]);
    expect(text(await store.readFile(ds, "main", "data/train.csv"))).toBe("text,label\nhi,1\n");
    const head = (await store.resolveRevision(ds, "main"))!;
    expect((await store.listCommits(ds, head)).total).toBe(1);
    expect(await store.importPlainFolders()).toEqual([]); // already a repo now
  });
});
