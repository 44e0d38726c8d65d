import type { AddressInfo } from "node:net";
import path from "node:path";
import { Queue } from "bullmq";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EVALUATION_QUEUE } from "@/jobs/definitions";
import { retryEvaluation } from "@/server/evaluations/control-evaluation";
import { createSubmission as submit } from "@/server/evaluations/create-submission";
import { buildEvalResult } from "@/server/hub/model-card";
import { openModelCardPr } from "@/server/hub/open-model-card-pr";
import { NotificationRetryError, notifySubmission, type NotificationRecord, type SmtpSettings } from "@/server/notifications";
import { createRedis, obliterateQueues } from "@/server/queue";
import { addBenchEncoder, BENCH_ENCODER } from "../../bench/bench-model";
import { startEvaluationWorker } from "../../workers/evaluation-worker";
import { createTestDatabase, REDIS_URL, testQueuePrefix } from "../helpers/database";
import { DEMO_TOKEN, startDemoHub } from "../helpers/demo-hub";
import { addFailureFixtures } from "../helpers/fixtures";
import { freePort } from "../helpers/stack";

/**
 * The one notification of a submission, against a real SMTP server (smtp-server, in-process), the
 * real database and the local hub. Submissions are written to the database as the worker leaves
 * them (results, failure reasons, a cancelled evaluation), with real PRs opened on the local hub.
 */
const DATASET = "evalhub-demo/sst2";
const PUBLIC_URL = "http://evalhub.test";
const SMTP_PASSWORD = "s3cret-smtp-pass";
const INPUT = { dataset: DATASET, config: "default", split: "validation", task: "text-classification", columnMapping: { text: "sentence", target: "label" }, metrics: ["accuracy"] };

interface Received {
  to: string[];
  raw: string;
}

let hub: Awaited<ReturnType<typeof startDemoHub>>;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let smtpServer: SMTPServer;
let smtp: SmtpSettings;
let smtpDown: SmtpSettings;
const inbox: Received[] = [];
const logs: string[] = [];

beforeAll(async () => {
  hub = await startDemoHub();
  await addFailureFixtures(hub.store);
  await addBenchEncoder(hub.store, hub.url);
  database = await createTestDatabase("notifications");
  smtpServer = new SMTPServer({
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onAuth: (auth, _session, cb) => cb(null, { user: auth.username }),
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString("utf8") });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => smtpServer.listen(0, "127.0.0.1", resolve));
  const port = (smtpServer.server.address() as AddressInfo).port;
  smtp = { url: `smtp://evalhub:${SMTP_PASSWORD}@127.0.0.1:${port}`, from: "EvalHub <evalhub@evalhub.test>" };
  // Nothing listens on this port: connection refused.
  smtpDown = { url: `smtp://evalhub:${SMTP_PASSWORD}@127.0.0.1:${await freePort()}`, from: smtp.from };
}, 60_000);

afterAll(async () => {
  await new Promise<void>((resolve) => (smtpServer ? smtpServer.close(() => resolve()) : resolve()));
  await database?.drop();
  await hub?.close();
});

const hubConfig = () => ({ hubUrl: hub.url, accessToken: DEMO_TOKEN });
const notify = (submissionId: string, over: Partial<Parameters<typeof notifySubmission>[0]> = {}) =>
  notifySubmission({ db: database.db, hub: hubConfig(), submissionId, publicUrl: PUBLIC_URL, smtp, log: (l) => logs.push(l), smtpTimeoutMs: 5_000, ...over });

interface EvalFixture {
  model: string;
  status: "succeeded" | "failed" | "cancelled" | "running";
  accuracy?: [number, number, number];
  failureReason?: string;
}

/** A submission whose evaluations ended as given; succeeded ones get a real PR on the local hub. */
async function createSubmission(opts: { username?: string; email?: string; evaluations: EvalFixture[] }): Promise<{ id: string; prs: Map<string, { url: string; number: number }> }> {
  const { db } = database;
  const sub = await db.submission.create({
    data: {
      ...INPUT,
      username: opts.username ?? null,
      email: opts.email ?? null,
    },
  });
  const prs = new Map<string, { url: string; number: number }>();
  for (const [i, f] of opts.evaluations.entries()) {
    const e = await db.evaluation.create({
      data: {
        submissionId: sub.id,
        model: f.model,
        modelSha: "a".repeat(40),
        datasetSha: "b".repeat(40),
        evaluationKey: `ek_${String(i).repeat(40).slice(0, 40)}`,
        status: f.status,
        progress: f.status === "succeeded" ? 1 : 0.5,
        processed: f.status === "succeeded" ? 400 : 200,
        total: 400,
        failureReason: f.failureReason ?? null,
        startedAt: new Date(),
        finishedAt: f.status === "running" ? null : new Date(),
      },
    });
    if (!f.accuracy) continue;
    const [value, low, high] = f.accuracy;
    await db.result.create({ data: { evaluationId: e.id, metric: "accuracy", value, ciLow: low, ciHigh: high } });
    const pr = await openModelCardPr({
      hub: hubConfig(),
      model: f.model,
      title: `Add evaluation results on the default config and validation split of ${DATASET}`,
      description: "Results from EvalHub.",
      results: [
        buildEvalResult({
          task: { type: "text-classification", name: "Text Classification" },
          dataset: { type: DATASET, name: DATASET, config: "default", split: "validation" },
          metrics: [{ type: "accuracy", value, verified: false }],
        }),
      ],
    });
    await db.pullRequest.create({ data: { evaluationId: e.id, url: pr.url, number: pr.number } });
    prs.set(f.model, { url: pr.url, number: pr.number });
  }
  return { id: sub.id, prs };
}

/** Comments on a model PR that belong to a given run (they link its page). */
async function commentsFor(model: string, num: number, submissionId: string): Promise<string[]> {
  const res = await fetch(`${hub.url}/api/models/${model}/discussions/${num}`);
  const d = (await res.json()) as { events: { type: string; data: { latest?: { raw: string } } }[] };
  return d.events.filter((e) => e.type === "comment").map((e) => e.data.latest!.raw).filter((raw) => raw.includes(`/submissions/${submissionId}`));
}

/** Enough MIME to read a nodemailer message: headers (unfolded, RFC 2047 words) and the text/plain part. */
function parseMessage(raw: string): { headers: Record<string, string>; text: string; html: string } {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    headers[line.slice(0, i).toLowerCase()] = decodeWords(line.slice(i + 1).trim());
  }
  const body = rest.join("\n\n");
  const boundary = /boundary="?([^";]+)"?/.exec(headers["content-type"] ?? "")?.[1];
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [`Content-Type: ${headers["content-type"]}\nContent-Transfer-Encoding: ${headers["content-transfer-encoding"] ?? "7bit"}\n\n${body}`];
  const part = (type: string) => {
    const p = parts.find((x) => new RegExp(`content-type: ${type}`, "i").test(x));
    if (!p) return "";
    const [phead, ...pbody] = p.replace(/^\r?\n/, "").split(/\r?\n\r?\n/);
    const content = pbody.join("\n\n");
    if (/transfer-encoding: base64/i.test(phead)) return Buffer.from(content.replace(/\s+/g, ""), "base64").toString("utf8");
    if (/transfer-encoding: quoted-printable/i.test(phead)) return decodeQp(content);
    return content;
  };
  return { headers, text: part("text/plain").replace(/\r\n/g, "\n"), html: part("text/html") };
}

function decodeQp(s: string): string {
  const bytes = s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_, h: string) => `%${h}`);
  return decodeURIComponent(bytes.replace(/%(?![0-9A-F]{2})/gi, "%25"));
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("utf8") : decodeQp(text.replace(/_/g, " ")),
  );
}

const mailsTo = (address: string) => inbox.filter((m) => m.to.includes(address)).map((m) => parseMessage(m.raw));

describe("notifySubmission with a real SMTP server and the local hub", () => {
  it("sends exactly one email and one @mention per PR however often, and concurrently, it is called", async () => {
    const { id, prs } = await createSubmission({
      username: "alice",
      email: "alice@example.com",
      evaluations: [
        { model: "evalhub-demo/sst2-bow-tiny", status: "succeeded", accuracy: [0.5875, 0.54, 0.635] },
        { model: "evalhub-demo/sst2-bow-base", status: "succeeded", accuracy: [0.7275, 0.6825, 0.77] },
        { model: "evalhub-demo/sst2-bow-small", status: "failed", failureReason: "connect ECONNREFUSED 10.0.0.9:443" },
        { model: "evalhub-demo/tiny-distilbert-sst2", status: "cancelled" },
      ],
    });
    const [a, b] = await Promise.all([notify(id), notify(id)]);
    const c = await notify(id);

    const mails = mailsTo("alice@example.com");
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail.headers.subject).toBe(`EvalHub: 2 of 4 evaluations succeeded on ${DATASET} (1 failed, 1 cancelled)`);
    expect(mail.headers.to).toBe("alice@example.com");
    expect(mail.text).toContain("* evalhub-demo/sst2-bow-tiny: succeeded: Accuracy 0.5875 (95% CI 0.5400–0.6350)");
    expect(mail.text).toContain("* evalhub-demo/sst2-bow-base: succeeded: Accuracy 0.7275 (95% CI 0.6825–0.7700)");
    expect(mail.text).toMatch(/\* evalhub-demo\/sst2-bow-small: failed: A server it needed \(the hub or an inference endpoint\) could not be reached \(connect ECONNREFUSED 10\.0\.0\.9:443\)/);
    expect(mail.text).toContain("* evalhub-demo/tiny-distilbert-sst2: cancelled: Cancelled before it finished; no results were recorded.");
    expect(mail.text).toContain(`Run page: ${PUBLIC_URL}/submissions/${id}`);
    expect(mail.text).toContain(`Leaderboard: ${PUBLIC_URL}/leaderboards/${DATASET}?config=default&split=validation`);
    expect(mail.text).toContain(`Pull request: ${prs.get("evalhub-demo/sst2-bow-base")!.url}`);
    expect(mail.html).toContain(`<a href="${prs.get("evalhub-demo/sst2-bow-tiny")!.url}">pull request</a>`);

    for (const [model, pr] of prs) {
      const comments = await commentsFor(model, pr.number, id);
      expect(comments, model).toHaveLength(1);
      expect(comments[0]).toMatch(new RegExp(`^@alice the evaluation of \`${model}\``));
      expect(comments[0]).toContain("**Succeeded.**");
      expect(comments[0]).toMatch(/- Accuracy 0\.\d{4} \(95% CI/);
    }

    const stored = await database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(stored.notifiedAt).not.toBeNull();
    const record = stored.notification as unknown as NotificationRecord;
    expect(record.state).toBe("sent");
    expect(record.summary).toBe(`2 of 4 evaluations succeeded on ${DATASET} (1 failed, 1 cancelled)`);
    expect(record.mentions).toMatchObject({ status: "sent", username: "alice" });
    expect(record.mentions!.comments.map((x) => x.status)).toEqual(["sent", "sent"]);
    expect(record.email).toMatchObject({ status: "sent", to: "a***@example.com" });
    // Every caller gets the one stored record (the losing concurrent caller may see it mid-send).
    expect(c).toEqual(record);
    expect([a, b].filter((r) => r.state === "sent")).toContainEqual(record);
  });

  it("records why the email failed when SMTP is down, keeps the password out of the record and logs, and still mentions", async () => {
    const { id, prs } = await createSubmission({
      username: "bob",
      email: "bob@example.com",
      evaluations: [{ model: "evalhub-demo/sst2-bow-tiny", status: "succeeded", accuracy: [0.5875, 0.54, 0.635] }],
    });
    const record = await notify(id, { smtp: smtpDown });
    expect(record.state).toBe("sent");
    expect(record.email!.status).toBe("failed");
    expect(record.email!.error).toMatch(/^The email could not be sent: .*ECONNREFUSED/);
    expect(record.mentions!.status).toBe("sent");
    const pr = prs.get("evalhub-demo/sst2-bow-tiny")!;
    expect(await commentsFor("evalhub-demo/sst2-bow-tiny", pr.number, id)).toHaveLength(1);
    const stored = await database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(stored.notification)).not.toContain(SMTP_PASSWORD);
    expect(logs.join("\n")).toContain(id);
    expect(logs.join("\n")).not.toContain(SMTP_PASSWORD);
    expect(mailsTo("bob@example.com")).toHaveLength(0);
  });

  it("releases an undelivered notification for the caller's retry, and the retry delivers it", async () => {
    const { id } = await createSubmission({
      email: "carol@example.com",
      evaluations: [{ model: "evalhub-demo/sst2-bow-small", status: "failed", failureReason: "fixtures/broken-onnx@abc could not be loaded by transformers.js" }],
    });
    const err = await notify(id, { smtp: smtpDown, retryIfUndelivered: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NotificationRetryError);
    const released = await database.db.submission.findUniqueOrThrow({ where: { id } });
    expect(released.notifiedAt).toBeNull();
    expect(released.notification).toMatchObject({ state: "retrying", retries: 1, email: { status: "failed" } });
    expect(JSON.stringify(released.notification)).not.toContain(SMTP_PASSWORD);

    const record = await notify(id, { retryIfUndelivered: true });
    expect(record).toMatchObject({ state: "sent", retries: 1, email: { status: "sent" }, mentions: { status: "skipped", reason: "No Hub username was given." } });
    const mails = mailsTo("carol@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0].headers.subject).toBe(`EvalHub: 0 of 1 evaluation succeeded on ${DATASET} (1 failed)`);
    expect(mails[0].text).toContain("* evalhub-demo/sst2-bow-small: failed: fixtures/broken-onnx@abc could not be loaded by transformers.js");
  });

  it("without an email address sends no email and still mentions the user", async () => {
    const before = inbox.length;
    const { id, prs } = await createSubmission({
      username: "dave",
      evaluations: [{ model: "evalhub-demo/sst2-bow-base", status: "succeeded", accuracy: [0.7275, 0.6825, 0.77] }],
    });
    const record = await notify(id);
    expect(inbox.length).toBe(before);
    expect(record.email).toEqual({ status: "skipped", reason: "No email address was given." });
    const pr = prs.get("evalhub-demo/sst2-bow-base")!;
    const comments = await commentsFor("evalhub-demo/sst2-bow-base", pr.number, id);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/^@dave /);
  });

  it("without a username posts no comment and still emails", async () => {
    const { id, prs } = await createSubmission({
      email: "erin@example.com",
      evaluations: [{ model: "evalhub-demo/sst2-bow-tiny", status: "succeeded", accuracy: [0.5875, 0.54, 0.635] }],
    });
    const record = await notify(id);
    expect(record.mentions).toEqual({ status: "skipped", username: null, reason: "No Hub username was given.", comments: [] });
    const pr = prs.get("evalhub-demo/sst2-bow-tiny")!;
    expect(await commentsFor("evalhub-demo/sst2-bow-tiny", pr.number, id)).toHaveLength(0);
    expect(mailsTo("erin@example.com")).toHaveLength(1);
  });

  it("refuses to notify while an evaluation is still running, and sends nothing", async () => {
    const { id } = await createSubmission({ email: "frank@example.com", evaluations: [{ model: "evalhub-demo/sst2-bow-tiny", status: "running" }] });
    await expect(notify(id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(mailsTo("frank@example.com")).toHaveLength(0);
    expect((await database.db.submission.findUniqueOrThrow({ where: { id } })).notifiedAt).toBeNull();
  });
});

describe("notifySubmission as the submission flow's parent job calls it", () => {
  let queue: Queue;
  let worker: ReturnType<typeof startEvaluationWorker>;
  const calls: string[] = [];
  const flowLogs: string[] = [];

  /** A submission on the demo dataset through this describe's queue (so its flow reaches the worker). */
  const submitToFlow = (input: Record<string, unknown>) => submit({ db: database.db, hub: hubConfig(), queue, publicUrl: PUBLIC_URL, input: { ...INPUT, ...input } });

  async function sentRecord(submissionId: string): Promise<NotificationRecord | null> {
    let record: NotificationRecord | null = null;
    for (let i = 0; i < 600 && record?.state !== "sent"; i++) {
      await new Promise((r) => setTimeout(r, 200));
      record = (await database.db.submission.findUniqueOrThrow({ where: { id: submissionId } })).notification as unknown as NotificationRecord | null;
    }
    return record;
  }

  beforeAll(async () => {
    const prefix = testQueuePrefix("notify-flow");
    queue = new Queue(EVALUATION_QUEUE, { connection: createRedis(REDIS_URL), prefix });
    worker = startEvaluationWorker({
      db: database.db,
      hub: hubConfig(),
      redisUrl: REDIS_URL,
      prefix,
      publicUrl: PUBLIC_URL,
      concurrency: 2,
      batchSize: 32,
      cacheDir: path.join(hub.dir, ".model-cache"),
      reconcileEveryMs: 0,
      onSubmissionEnded: (submissionId) => {
        calls.push(submissionId);
        return notify(submissionId);
      },
      log: (line) => flowLogs.push(line),
    });
  });

  afterAll(async () => {
    await worker?.close();
    if (queue) await obliterateQueues(queue);
    await queue?.close();
  });

  it("sends one email and one @mention once every model's job has ended, a failure included", async () => {
    const created = await submitToFlow({ models: ["evalhub-demo/sst2-bow-tiny", "fixtures/broken-onnx"], username: "grace", email: "grace@example.com" });
    const record = await sentRecord(created.id);
    expect(record?.state, JSON.stringify(record)).toBe("sent");
    expect(calls.filter((c) => c === created.id)).toHaveLength(1);
    const mails = mailsTo("grace@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0].headers.subject).toBe(`EvalHub: 1 of 2 evaluations succeeded on ${DATASET} (1 failed)`);
    expect(mails[0].text).toContain("* evalhub-demo/sst2-bow-tiny: succeeded: Accuracy 0.5875 (95% CI");
    expect(mails[0].text).toMatch(/\* fixtures\/broken-onnx: failed: Model fixtures\/broken-onnx@\w+ could not be loaded by transformers\.js/);
    expect(record!.mentions!.comments).toHaveLength(1);
    const pr = record!.mentions!.comments[0];
    expect(pr).toMatchObject({ model: "evalhub-demo/sst2-bow-tiny", status: "sent" });
    const comments = await commentsFor(pr.model, Number(pr.pullRequestUrl.split("/").pop()), created.id);
    expect(comments).toHaveLength(1);
    expect(comments[0]).toMatch(/^@grace the evaluation of `evalhub-demo\/sst2-bow-tiny`/);
  }, 150_000);

  it("a failed model retried while another still runs: one notification, once both have ended", async () => {
    const created = await submitToFlow({ createPr: false, models: [BENCH_ENCODER, "fixtures/broken-onnx"], email: "heidi@example.com" });
    const [slow, broken] = [BENCH_ENCODER, "fixtures/broken-onnx"].map((m) => created.evaluations.find((e) => e.model === m)!.id);
    const status = async (id: string) => (await database.db.evaluation.findUniqueOrThrow({ where: { id } })).status;
    for (let i = 0; i < 300 && (await status(broken)) !== "failed"; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await status(broken)).toBe("failed");
    expect(await status(slow)).not.toBe("succeeded");
    // The retry's own round (a new flow) ends first: its parent finds the slow model still running.
    await retryEvaluation({ db: database.db, queue, id: broken });
    const record = await sentRecord(created.id);
    expect(record?.state, JSON.stringify(record)).toBe("sent");
    expect(await status(slow)).toBe("succeeded");
    expect(await status(broken)).toBe("failed");
    const mails = mailsTo("heidi@example.com");
    expect(mails).toHaveLength(1);
    expect(mails[0].headers.subject).toBe(`EvalHub: 1 of 2 evaluations succeeded on ${DATASET} (1 failed)`);
    // Two rounds, two parent jobs, each called once: the early one stood down instead of failing and retrying.
    expect(calls.filter((c) => c === created.id)).toHaveLength(2);
    expect(flowLogs).toContain(`submission ${created.id}: Submission ${created.id} still has evaluations in progress; it is notified once all have ended.`);
  }, 150_000);
});
