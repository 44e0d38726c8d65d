import {
  commit,
  createBranch,
  createRepo,
  deleteBranch,
  deleteRepo,
  datasetInfo,
  downloadFile,
  fileDownloadInfo,
  HubApiError,
  listDatasets,
  listFiles,
  listCommits,
  listModels,
  modelInfo,
  pathsInfo,
  snapshotDownload,
  repoExists,
  uploadFiles,
  whoAmI,
} from "@huggingface/hub";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";

let hub: TestHub;
let hubUrl: string;
let accessToken: string;
const blob = (s: string) => new Blob([s]);

const MODEL_CARD = `---
license: apache-2.0
datasets:
  - glue
tags:
  - sentiment
pipeline_tag: text-classification
---
# Sentiment model
`;

beforeAll(async () => {
  hub = await startTestHub({ users: { hf_alice_token: "alice" } });
  hubUrl = hub.url;
  accessToken = hub.accessToken;
});
afterAll(() => hub.close());

describe("local hub with the unmodified @huggingface/hub client", () => {
  it("whoAmI returns the token's user with auth info", async () => {
    const me = await whoAmI({ accessToken, hubUrl });
    expect(me).toMatchObject({ name: "evalhub-bot", type: "user", auth: { type: "access_token" } });
    expect(me.auth.accessToken?.createdAt).toBeInstanceOf(Date);
    expect((await whoAmI({ accessToken: "hf_alice_token", hubUrl })).name).toBe("alice");
  });

  it("createRepo answers {url, id} and 409 for a duplicate", async () => {
    const out = await createRepo({ repo: "acme/created", accessToken, hubUrl });
    expect(out.repoUrl).toBe(`${hubUrl}/acme/created`);
    const dup = await createRepo({ repo: "acme/created", accessToken, hubUrl }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(HubApiError);
    expect((dup as HubApiError).statusCode).toBe(409);
  });

  it("uploads, lists, downloads files, and returns null for a missing one", async () => {
    await createRepo({ repo: "acme/files", accessToken, hubUrl });
    const out = await uploadFiles({ repo: "acme/files", accessToken, hubUrl, files: [
      { path: "README.md", content: blob(MODEL_CARD) },
      { path: "nested/deep/data.bin", content: new Blob([new Uint8Array([1, 2, 3, 4, 5])]) },
    ] });
    expect(out?.commit.oid).toMatch(/^[0-9a-f]{40}$/);

    const files: string[] = [];
    for await (const f of listFiles({ repo: "acme/files", recursive: true, hubUrl })) if (f.type === "file") files.push(f.path);
    expect(files.sort()).toEqual([".gitattributes", "README.md", "nested/deep/data.bin"]);

    const info = await fileDownloadInfo({ repo: "acme/files", path: "nested/deep/data.bin", hubUrl });
    expect(info).toMatchObject({ size: 5 });
    expect(info?.etag).toMatch(/^"[0-9a-f]{40}"$/);
    const file = await downloadFile({ repo: "acme/files", path: "README.md", hubUrl });
    expect(await file?.text()).toBe(MODEL_CARD);
    expect(await downloadFile({ repo: "acme/files", path: "nope.txt", hubUrl })).toBeNull();
    expect(await fileDownloadInfo({ repo: "acme/files", path: "nope.txt", hubUrl })).toBeNull();
  });

  it("pathsInfo and snapshotDownload fetch a whole repo into a cache dir", async () => {
    const info = await pathsInfo({ repo: "acme/files", paths: ["README.md", "nested", "missing"], expand: true, hubUrl });
    expect(info.map((i) => `${i.type}:${i.path}`)).toEqual(["file:README.md", "directory:nested"]);
    expect(info[0].lastCommit?.date).toBeInstanceOf(Date);

    const cacheDir = await mkdtemp(path.join(os.tmpdir(), "localhub-snapshot-"));
    try {
      const folder = await snapshotDownload({ repo: "acme/files", cacheDir, hubUrl });
      expect(await readFile(path.join(folder, "README.md"), "utf8")).toBe(MODEL_CARD);
      expect([...(await readFile(path.join(folder, "nested/deep/data.bin")))]).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await rm(cacheDir, { recursive: true, force: true });
    }
  });

  it("opens a PR with isPullRequest, then commits to refs/pr/N", async () => {
    await createRepo({ repo: "acme/pr-target", accessToken, hubUrl });
    const pr = await commit({ repo: "acme/pr-target", accessToken, hubUrl, title: "Add eval results", isPullRequest: true,
      operations: [{ operation: "addOrUpdate", path: "results.json", content: blob('{"accuracy":0.5}') }] });
    expect(pr?.pullRequestUrl).toBe(`${hubUrl}/acme/pr-target/discussions/1`);
    const num = pr!.pullRequestUrl!.split("/").pop();

    const next = await commit({ repo: "acme/pr-target", accessToken, hubUrl, title: "Update", branch: `refs/pr/${num}`,
      operations: [{ operation: "addOrUpdate", path: "results.json", content: blob('{"accuracy":0.75}') }] });
    expect(next?.pullRequestUrl).toBeUndefined();
    const onPr = await downloadFile({ repo: "acme/pr-target", path: "results.json", revision: `refs/pr/${num}`, hubUrl });
    expect(await onPr?.text()).toBe('{"accuracy":0.75}');
    expect(await downloadFile({ repo: "acme/pr-target", path: "results.json", hubUrl })).toBeNull(); // main untouched
    const info = await modelInfo({ name: "acme/pr-target", revision: `refs/pr/${num}`, hubUrl, additionalFields: ["sha"] });
    expect(info.sha).toBe(next?.commit.oid);
  });

  it("modelInfo resolves HEAD and an older sha", async () => {
    await createRepo({ repo: "acme/history", accessToken, hubUrl });
    const v1 = await uploadFiles({ repo: "acme/history", accessToken, hubUrl, files: [{ path: "v1.txt", content: blob("1") }] });
    await uploadFiles({ repo: "acme/history", accessToken, hubUrl, files: [{ path: "v2.txt", content: blob("2") }] });
    const head = await modelInfo({ name: "acme/history", hubUrl, additionalFields: ["sha", "filePaths"] });
    expect(head.filePaths).toContain("v2.txt");
    const old = await modelInfo({ name: "acme/history", revision: v1!.commit.oid, hubUrl, additionalFields: ["sha", "filePaths"] });
    expect(old.sha).toBe(v1!.commit.oid);
    expect(old.filePaths).not.toContain("v2.txt");
    const missing = await modelInfo({ name: "acme/history", revision: "no-branch", hubUrl }).catch((e: unknown) => e);
    expect((missing as HubApiError).statusCode).toBe(404);
  });

  it("listModels filters by dataset tag, task and query, with cardData and sha", async () => {
    await createRepo({ repo: "acme/sentiment-glue", accessToken, hubUrl });
    const up = await uploadFiles({ repo: "acme/sentiment-glue", accessToken, hubUrl, files: [{ path: "README.md", content: blob(MODEL_CARD) }] });
    await createRepo({ repo: "acme/sentiment-other", accessToken, hubUrl });
    await uploadFiles({ repo: "acme/sentiment-other", accessToken, hubUrl, files: [{ path: "README.md", content: blob("---\npipeline_tag: text-classification\n---\n") }] });

    const found = [];
    for await (const m of listModels({ hubUrl, search: { tags: ["dataset:glue"], task: "text-classification", query: "sentiment" }, additionalFields: ["cardData", "sha"] })) found.push(m);
    expect(found.map((m) => m.name)).toEqual(["acme/sentiment-glue"]);
    expect(found[0]).toMatchObject({ task: "text-classification", sha: up!.commit.oid, cardData: { license: "apache-2.0", datasets: ["glue"] } });
    expect(found[0].updatedAt).toBeInstanceOf(Date);

    const both = [];
    for await (const m of listModels({ hubUrl, search: { tags: ["dataset:glue", "license:mit"] } })) both.push(m);
    expect(both).toEqual([]); // filters are ANDed
  });

  it("listDatasets and datasetInfo work on dataset repos", async () => {
    await createRepo({ repo: { type: "dataset", name: "acme/reviews" }, accessToken, hubUrl });
    await uploadFiles({ repo: "datasets/acme/reviews", accessToken, hubUrl, files: [
      { path: "README.md", content: blob("---\ntask_categories: [text-classification]\nlicense: mit\n---\nMovie reviews.\n") },
      { path: "data/train.csv", content: blob("text,label\ngood,1\n") },
    ] });
    const found = [];
    for await (const d of listDatasets({ hubUrl, search: { tags: ["task_categories:text-classification"] }, additionalFields: ["cardData"] })) found.push(d);
    expect(found.map((d) => d.name)).toEqual(["acme/reviews"]);
    expect(found[0].cardData).toMatchObject({ license: "mit" });
    const info = await datasetInfo({ name: "acme/reviews", hubUrl, additionalFields: ["sha", "tags"] });
    expect(info.tags).toEqual(expect.arrayContaining(["license:mit", "format:csv"]));
    const file = await downloadFile({ repo: { type: "dataset", name: "acme/reviews" }, path: "data/train.csv", hubUrl });
    expect(await file?.text()).toBe("text,label\ngood,1\n");
  });

  it("lists commits, manages branches and deletes repos", async () => {
    await createRepo({ repo: "acme/branches", accessToken, hubUrl });
    await uploadFiles({ repo: "acme/branches", accessToken, hubUrl, files: [{ path: "a.txt", content: blob("a") }], commitTitle: "Add a" });
    const titles: string[] = [];
    for await (const c of listCommits({ repo: "acme/branches", hubUrl })) titles.push(c.title);
    expect(titles).toEqual(["Add a", "initial commit"]);

    await createBranch({ repo: "acme/branches", branch: "dev", accessToken, hubUrl });
    await uploadFiles({ repo: "acme/branches", branch: "dev", accessToken, hubUrl, files: [{ path: "dev.txt", content: blob("d") }] });
    expect(await downloadFile({ repo: "acme/branches", path: "dev.txt", revision: "dev", hubUrl })).not.toBeNull();
    expect(await downloadFile({ repo: "acme/branches", path: "dev.txt", hubUrl })).toBeNull();
    await deleteBranch({ repo: "acme/branches", branch: "dev", accessToken, hubUrl });

    await deleteRepo({ repo: "acme/branches", accessToken, hubUrl });
    expect(await repoExists({ repo: "acme/branches", hubUrl })).toBe(false);
  });

  it("hides private repos from anonymous callers", async () => {
    await createRepo({ repo: "acme/secret", private: true, accessToken, hubUrl });
    const names = async (token?: string) => {
      const out: string[] = [];
      for await (const m of listModels({ hubUrl, accessToken: token, search: { owner: "acme", query: "secret" } })) out.push(m.name);
      return out;
    };
    expect(await names()).toEqual([]);
    expect(await names(accessToken)).toEqual(["acme/secret"]);
    const err = await modelInfo({ name: "acme/secret", hubUrl }).catch((e: unknown) => e);
    expect((err as HubApiError).statusCode).toBe(401);
    expect((await modelInfo({ name: "acme/secret", hubUrl, accessToken })).private).toBe(true);
  });
});

describe("Link pagination", () => {
  let small: TestHub;
  beforeAll(async () => {
    small = await startTestHub({ maxPageSize: 3 });
    for (let i = 0; i < 8; i++) await small.store.createRepo({ type: "model", name: `page/m${i}` });
  });
  afterAll(() => small.close());

  it("listModels follows Link headers past the server's page size", async () => {
    const names: string[] = [];
    for await (const m of listModels({ hubUrl: small.url })) names.push(m.name);
    expect(names).toEqual(Array.from({ length: 8 }, (_, i) => `page/m${i}`));
  });

  it("emits an absolute Link with rel=next exactly as the client parses it", async () => {
    const res = await fetch(`${small.url}/api/models?limit=2&sort=id&direction=1`);
    const link = res.headers.get("link");
    expect(link).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/api\/models\?[^>]*cursor=[^>]+>; rel="next"$/);
    expect(await res.json()).toHaveLength(2);
    const last = await fetch(`${small.url}/api/models?limit=10`);
    expect(last.headers.get("link")).not.toBeNull(); // capped at 3 per page
  });
});
