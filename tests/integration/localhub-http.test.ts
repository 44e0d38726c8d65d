import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalHub, startTestHub, type LocalHub, type TestHub } from "@/localhub";

let hub: TestHub;
let mainSha: string;
let prSha: string;
const auth = () => ({ Authorization: `Bearer ${hub.accessToken}` });
const ndjson = (...lines: unknown[]) => lines.map((l) => JSON.stringify(l)).join("\n");
const rawStatus = (rawPath: string) =>
  new Promise<number>((resolve, reject) => {
    const { hostname, port } = new URL(hub.url);
    request({ hostname, port, path: rawPath }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    }).on("error", reject).end();
  });
const commitReq = (body: string, rev = "main") =>
  fetch(`${hub.url}/api/models/acme/http/commit/${rev}`, { method: "POST", headers: { ...auth(), "Content-Type": "application/x-ndjson" }, body });

beforeAll(async () => {
  hub = await startTestHub();
  await hub.store.createRepo({ type: "model", name: "acme/http" });
  mainSha = (await hub.store.commit({ repo: { type: "model", name: "acme/http" }, message: "files", files: [
    { path: "config.json", content: '{"model_type":"bert","architectures":["BertForSequenceClassification"]}' },
    { path: "dir/sub/file.txt", content: "0123456789" },
    { path: "empty.txt", content: "" },
  ] })).oid;
  prSha = (await hub.store.commit({ repo: { type: "model", name: "acme/http" }, createPr: true, message: "pr", files: [{ path: "pr.txt", content: "on pr" }] })).oid;
});
afterAll(() => hub.close());

describe("auth", () => {
  it("rejects a token that does not start with hf_ with a 401 JSON error", async () => {
    const res = await fetch(`${hub.url}/api/models`, { headers: { Authorization: "Bearer abc" } });
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(await res.json()).toEqual({ error: expect.any(String) });
  });

  it("answers private repo files only with a token, with RepoNotFound otherwise", async () => {
    await hub.store.createRepo({ type: "model", name: "acme/private" }, { private: true });
    const anon = await fetch(`${hub.url}/acme/private/resolve/main/.gitattributes`, { method: "HEAD" });
    expect([anon.status, anon.headers.get("x-error-code")]).toEqual([401, "RepoNotFound"]);
    expect((await fetch(`${hub.url}/acme/private/resolve/main/.gitattributes`, { headers: auth() })).status).toBe(200);
  });

  it("answers CORS preflights", async () => {
    const res = await fetch(`${hub.url}/api/models`, { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-headers")).toContain("Authorization");
  });

  it("whoami-v2 needs a token, and writes need one too", async () => {
    expect((await fetch(`${hub.url}/api/whoami-v2`)).status).toBe(401);
    const create = await fetch(`${hub.url}/api/repos/create`, { method: "POST", body: JSON.stringify({ name: "x", organization: "acme" }) });
    expect(create.status).toBe(401);
    const anonymous = await fetch(`${hub.url}/api/models/acme/http/commit/main`, { method: "POST", body: ndjson({ key: "header", value: { summary: "x" } }) });
    expect(anonymous.status).toBe(401);
  });
});

describe("file resolve", () => {
  const url = (rev: string, p: string) => `${hub.url}/acme/http/resolve/${rev}/${p}`;

  it("answers a plain GET with 200, ETag, X-Repo-Commit and a content type", async () => {
    const res = await fetch(url("main", "config.json"));
    expect(res.status).toBe(200);
    expect(res.headers.get("etag")).toMatch(/^"[0-9a-f]{40}"$/);
    expect(res.headers.get("x-repo-commit")).toBe(mainSha);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(await res.text())).toMatchObject({ model_type: "bert" });
  });

  it("serves byte ranges with 206 and Content-Range, HEAD without body, and empty files", async () => {
    const r = await fetch(url("main", "dir/sub/file.txt"), { headers: { Range: "bytes=2-5" } });
    expect(r.status).toBe(206);
    expect(r.headers.get("content-range")).toBe("bytes 2-5/10");
    expect(await r.text()).toBe("2345");
    const suffix = await fetch(url("main", "dir/sub/file.txt"), { headers: { Range: "bytes=-3" } });
    expect(await suffix.text()).toBe("789");
    const head = await fetch(url("main", "dir/sub/file.txt"), { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("10");
    const empty = await fetch(url("main", "empty.txt"));
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe("");
    expect((await fetch(url("main", "dir/sub/file.txt"), { headers: { Range: "bytes=50-60" } })).status).toBe(416);
  });

  it("resolves encoded refs, shas and HEAD; raw works too", async () => {
    expect(await (await fetch(url("refs%2Fpr%2F1", "pr.txt"))).text()).toBe("on pr");
    expect(await (await fetch(url("refs/pr/1", "pr.txt"))).text()).toBe("on pr");
    expect((await fetch(url(prSha, "pr.txt"))).status).toBe(200);
    expect((await fetch(url("HEAD", "config.json"))).status).toBe(200);
    expect((await fetch(`${hub.url}/acme/http/raw/main/config.json`)).status).toBe(200);
  });

  it("uses X-Error-Code RepoNotFound, RevisionNotFound and EntryNotFound", async () => {
    const code = async (u: string) => {
      const res = await fetch(u);
      expect(res.headers.get("content-type")).toContain("application/json");
      return [res.status, res.headers.get("x-error-code")];
    };
    expect(await code(`${hub.url}/acme/nope/resolve/main/a.txt`)).toEqual([404, "RepoNotFound"]);
    expect(await code(url("nobranch", "config.json"))).toEqual([404, "RevisionNotFound"]);
    expect(await code(url("main", "missing.json"))).toEqual([404, "EntryNotFound"]);
    expect(await code(`${hub.url}/datasets/acme/http/resolve/main/config.json`)).toEqual([404, "RepoNotFound"]);
    expect(await code(`${hub.url}/api/models/acme/nope`)).toEqual([404, "RepoNotFound"]);
    expect(await code(`${hub.url}/api/models/acme/http/revision/nobranch`)).toEqual([404, "RevisionNotFound"]);
  });

  it("rejects path traversal with 400", async () => {
    // fetch() normalises "..", so send the raw request line with node:http.
    expect(await rawStatus("/acme/http/resolve/main/../../etc/passwd")).toBe(400);
    expect(await rawStatus("/acme/http/resolve/main/dir/%2E%2E/config.json")).toBe(400);
    expect(await rawStatus("/api/models/acme/http/tree/main/dir/..")).toBe(400);
  });
});

describe("repo API", () => {
  it("serves model info with derived tags, expand in both spellings", async () => {
    const info = await (await fetch(`${hub.url}/api/models/acme/http`)).json();
    expect(info).toMatchObject({ id: "acme/http", sha: mainSha, pipeline_tag: "text-classification", library_name: "transformers" });
    expect(info.siblings).toEqual(expect.arrayContaining([{ rfilename: "dir/sub/file.txt" }]));
    const picked = await (await fetch(`${hub.url}/api/models/acme/http?expand[]=sha&expand=config`)).json();
    expect(Object.keys(picked).sort()).toEqual(["_id", "config", "id", "sha"]);
  });

  it("lists the tree (paged, recursive, with lastCommit) and refs", async () => {
    const top = await (await fetch(`${hub.url}/api/models/acme/http/tree/main`)).json();
    expect(top.map((e: { path: string; type: string }) => `${e.type}:${e.path}`)).toEqual(expect.arrayContaining(["directory:dir", "file:config.json"]));
    const sub = await (await fetch(`${hub.url}/api/models/acme/http/tree/main/dir?recursive=true&expand=true`)).json();
    expect(sub.map((e: { path: string }) => e.path)).toEqual(["dir/sub", "dir/sub/file.txt"]);
    expect(sub[1]).toMatchObject({ type: "file", size: 10, lastCommit: { id: mainSha, title: "files" } });
    expect((await fetch(`${hub.url}/api/models/acme/http/tree/main/nope`)).status).toBe(404);
    const refs = await (await fetch(`${hub.url}/api/models/acme/http/refs?include_prs=1`)).json();
    expect(refs.branches).toEqual([{ name: "main", ref: "refs/heads/main", targetCommit: expect.any(String) }]);
    expect(refs.pullRequests).toEqual([{ name: "refs/pr/1", ref: "refs/pr/1", targetCommit: prSha }]);
  });
});

describe("commit endpoint robustness", () => {
  it("rejects malformed NDJSON, LFS files, bad paths and stale parents with clear errors, and keeps serving", async () => {
    expect((await commitReq("{not json")).status).toBe(400);
    expect((await commitReq(ndjson({ key: "file", value: { path: "a", content: "" } }))).status).toBe(400); // no header
    const lfs = await commitReq(ndjson({ key: "header", value: { summary: "x" } }, { key: "lfsFile", value: { path: "w.bin", algo: "sha256", oid: "0".repeat(64), size: 1 } }));
    expect(lfs.status).toBe(400);
    expect((await lfs.json()).error).toMatch(/LFS/);
    expect((await commitReq(ndjson({ key: "header", value: { summary: "x" } }, { key: "file", value: { path: "../x", content: "", encoding: "utf-8" } }))).status).toBe(400);
    const [stale] = (await hub.store.commitInfo({ type: "model", name: "acme/http" }, mainSha)).parents;
    expect((await commitReq(ndjson({ key: "header", value: { summary: "x", parentCommit: stale } }))).status).toBe(409);
    const bad = await fetch(`${hub.url}/api/repos/create`, { method: "POST", headers: auth(), body: "{" });
    expect(bad.status).toBe(400);
    expect(await (await fetch(`${hub.url}/api/health`)).json()).toEqual({ ok: true });
  });

  it("answers preupload with regular uploads", async () => {
    const res = await fetch(`${hub.url}/api/models/acme/http/preupload/main`, {
      method: "POST", headers: { ...auth(), "Content-Type": "application/json" },
      body: JSON.stringify({ files: [{ path: "a.bin", size: 3, sample: "AAAA" }] }),
    });
    expect(await res.json()).toEqual({ files: [{ path: "a.bin", uploadMode: "regular", shouldIgnore: false }] });
  });
});

describe("startup import", () => {
  let dir: string;
  let local: LocalHub;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "localhub-import-"));
    await mkdir(path.join(dir, "models", "bob", "dropped", "onnx"), { recursive: true });
    await writeFile(path.join(dir, "models", "bob", "dropped", "config.json"), "{}");
    await writeFile(path.join(dir, "models", "bob", "dropped", "onnx", "model.onnx"), "weights");
    local = await startLocalHub({ dir });
  });
  afterAll(async () => {
    await local.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("serves a plain folder dropped in the hub dir as a repo", async () => {
    const res = await fetch(`${local.url}/bob/dropped/resolve/main/onnx/model.onnx`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("weights");
    const list = await (await fetch(`${local.url}/api/models?author=bob`)).json();
    expect(list.map((m: { id: string }) => m.id)).toEqual(["bob/dropped"]);
  });
});
