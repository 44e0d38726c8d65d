import { commit, createRepo, downloadFile } from "@huggingface/hub";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestHub, type TestHub } from "@/localhub";

// @huggingface/hub has no discussions API: these are the calls Python huggingface_hub makes.
let hub: TestHub;
const REPO = "acme/discuss";
let api: string;
const auth = () => ({ Authorization: `Bearer ${hub.accessToken}` });
const post = (path: string, body: unknown, headers: Record<string, string> = auth()) =>
  fetch(`${api}${path}`, { method: "POST", headers: { ...headers, "Content-Type": "application/json" }, body: JSON.stringify(body) });

beforeAll(async () => {
  hub = await startTestHub({ users: { hf_carol: "carol" } });
  api = `${hub.url}/api/models/${REPO}`;
  await createRepo({ repo: REPO, accessToken: hub.accessToken, hubUrl: hub.url });
  await commit({ repo: REPO, accessToken: hub.accessToken, hubUrl: hub.url, title: "base",
    operations: [{ operation: "addOrUpdate", path: "README.md", content: new Blob(["# Model\n"]) }] });
});
afterAll(() => hub.close());

describe("discussions API (huggingface_hub shapes)", () => {
  it("creates a discussion, lists it and filters by type, status and author", async () => {
    const res = await post("/discussions", { title: "Is this calibrated?", description: "Asking for a friend" }, { Authorization: "Bearer hf_carol" });
    expect(res.status).toBe(200);
    const created = await res.json();
    expect(created).toMatchObject({ num: 1, isPullRequest: false, status: "open", author: { name: "carol" } });

    await commit({ repo: REPO, accessToken: hub.accessToken, hubUrl: hub.url, title: "Add results", description: "Evaluated on SST-2",
      isPullRequest: true, operations: [{ operation: "addOrUpdate", path: "results.yaml", content: new Blob(["accuracy: 0.9\n"]) }] });

    const all = await (await fetch(`${api}/discussions`)).json();
    expect(all).toMatchObject({ count: 2, start: 0 });
    expect(all.discussions.map((d: { num: number }) => d.num)).toEqual([2, 1]);
    expect(all.discussions[0]).toMatchObject({ title: "Add results", isPullRequest: true, status: "open", repo: { name: REPO, type: "model" } });

    const prs = await (await fetch(`${api}/discussions?type=pull_request&status=open`)).json();
    expect(prs.discussions.map((d: { num: number }) => d.num)).toEqual([2]);
    const byCarol = await (await fetch(`${api}/discussions?author=carol`)).json();
    expect(byCarol.discussions.map((d: { num: number }) => d.num)).toEqual([1]);
  });

  it("returns PR details with events, changes and a real unified diff", async () => {
    const d = await (await fetch(`${api}/discussions/2?diff=1`)).json();
    expect(d).toMatchObject({ num: 2, isPullRequest: true, changes: { base: "refs/heads/main" }, filesWithConflicts: [] });
    expect(d.events.map((e: { type: string }) => e.type)).toEqual(["comment", "commit"]);
    expect(d.events[0].data.latest.raw).toBe("Evaluated on SST-2");
    expect(d.events[1].data).toMatchObject({ subject: "Add results", oid: expect.stringMatching(/^[0-9a-f]{40}$/) });
    expect(d.diff).toContain("diff --git a/results.yaml b/results.yaml");
    expect(d.diff).toContain("+accuracy: 0.9");
  });

  it("comments, renames and changes status", async () => {
    const c = await (await post("/discussions/1/comment", { comment: "Looks fine" })).json();
    expect(c.newMessage).toMatchObject({ type: "comment", author: { name: "evalhub-bot" }, data: { latest: { raw: "Looks fine" } } });

    const t = await (await post("/discussions/1/title", { title: "Calibration?" })).json();
    expect(t.newTitle.data).toEqual({ from: "Is this calibrated?", to: "Calibration?" });

    const s = await (await post("/discussions/1/status", { status: "closed", comment: "Answered" })).json();
    expect(s.newStatus).toMatchObject({ type: "status-change", data: { status: "closed" } });

    const closed = await (await fetch(`${api}/discussions?status=closed`)).json();
    expect(closed.discussions.map((d: { num: number }) => d.num)).toEqual([1]);
    const d = await (await fetch(`${api}/discussions/1`)).json();
    expect(d.events.map((e: { type: string }) => e.type)).toEqual(["comment", "comment", "title-change", "comment", "status-change"]);
  });

  it("merges a PR into main", async () => {
    const res = await post("/discussions/2/merge", {});
    expect(res.status).toBe(200);
    const { mergeCommitId } = await res.json();
    const d = await (await fetch(`${api}/discussions/2`)).json();
    expect(d).toMatchObject({ status: "merged", changes: { mergeCommitId } });
    const file = await downloadFile({ repo: REPO, path: "results.yaml", hubUrl: hub.url });
    expect(await file?.text()).toBe("accuracy: 0.9\n");
    expect((await post("/discussions/2/merge", {})).status).toBe(409);
  });

  it("needs a token to write, and 404s for unknown discussions", async () => {
    expect((await post("/discussions/1/comment", { comment: "anon" }, {})).status).toBe(401);
    expect((await fetch(`${api}/discussions/99`)).status).toBe(404);
    expect((await post("/discussions/1/comment", { nope: true })).status).toBe(400);
    const page = await fetch(`${hub.url}/${REPO}/discussions/2`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("Add results");
  });
});
