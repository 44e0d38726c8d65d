import type { Prisma } from "@/generated/prisma/client";
import { AppError } from "@/server/errors";
import { getSubmission, type SubmissionView } from "@/server/evaluations/get-submission";
import { composeEmail, composeMention, countOutcomes, outcomeSummary } from "./compose-messages";
import { postPrComment } from "./post-pr-comment";
import { maskEmail, sendEmail } from "./send-email";
import { NotificationRetryError, type NotificationRecord, type NotifyOptions } from "./types";

/** A claim older than this whose holder never finished (killed worker) may be taken over. */
const STALE_CLAIM_MS = 10 * 60_000;

const toJson = (r: NotificationRecord) => JSON.parse(JSON.stringify(r)) as Prisma.InputJsonValue;

/**
 * Sends a submission's one notification once every evaluation has ended: an @mention comment on
 * each PR, an email, and the in-app notice (the returned record, stored in Submission.notification).
 *
 * Exactly once: the send is claimed by a conditional update (`notifiedAt IS NULL`), so concurrent
 * callers cannot both send, and a later call returns the stored record. Channels finished before
 * a crash are recorded as they finish and not repeated when a stale claim is taken over; a crash
 * between a delivery and its record can repeat that one delivery (at-least-once for that window).
 * Failures are recorded per channel; only a notification that reached no one is retried, and
 * only when the caller says it will call again (`retryIfUndelivered`).
 */
export async function notifySubmission(opts: NotifyOptions): Promise<NotificationRecord> {
  const { db, submissionId: id } = opts;
  const log = opts.log ?? (() => {});
  const row = await db.submission.findUnique({ where: { id }, select: { notifiedAt: true, notification: true, email: true } });
  if (!row) throw new AppError("NOT_FOUND", `Submission ${id} does not exist.`);
  const previous = row.notification as NotificationRecord | null;
  if (row.notifiedAt && !isStale(row.notifiedAt, previous)) return previous!;

  const view = await getSubmission({ db, id });
  if (view.evaluations.some((e) => e.status === "queued" || e.status === "running")) {
    throw new AppError("CONFLICT", `Submission ${id} still has evaluations in progress; it is notified once all have ended.`);
  }
  const counts = countOutcomes(view.evaluations);
  const claimedAt = new Date();
  // A stale claim's finished channels are kept; a released retry starts over (it delivered nothing).
  const resumed = previous?.state === "sending" ? previous : null;
  const record: NotificationRecord = {
    state: "sending",
    claimedAt: claimedAt.toISOString(),
    sentAt: null,
    summary: outcomeSummary(counts, view.dataset),
    counts,
    mentions: resumed?.mentions ?? null,
    email: resumed?.email ?? null,
    retries: previous?.retries,
  };
  const claim = await db.submission.updateMany({
    where: {
      id,
      OR: [{ notifiedAt: null }, { notifiedAt: { lt: new Date(Date.now() - STALE_CLAIM_MS) }, notification: { path: ["state"], equals: "sending" } }],
    },
    data: { notifiedAt: claimedAt, notification: toJson(record) },
  });
  if (claim.count === 0) {
    const now = await db.submission.findUniqueOrThrow({ where: { id }, select: { notification: true } });
    return now.notification as unknown as NotificationRecord;
  }
  // Progress is written only while we still hold the claim.
  const save = (data: Prisma.SubmissionUpdateManyMutationInput) => db.submission.updateMany({ where: { id, notifiedAt: claimedAt }, data });

  if (!record.mentions) {
    record.mentions = await sendMentions(opts, view);
    await save({ notification: toJson(record) });
  }
  if (!record.email) {
    record.email = await sendEmailChannel(opts, view, row.email);
    await save({ notification: toJson(record) });
  }

  const delivered = record.mentions.comments.some((c) => c.status === "sent") || record.email.status === "sent";
  const failed = record.mentions.status === "failed" || record.mentions.status === "partial" || record.email.status === "failed";
  if (!delivered && failed && opts.retryIfUndelivered) {
    const released: NotificationRecord = { ...record, state: "retrying", retries: (record.retries ?? 0) + 1 };
    await save({ notifiedAt: null, notification: toJson(released) });
    log(`notification ${id}: nothing delivered (${channelLine(record)}); released for a retry`);
    throw new NotificationRetryError(`The notification of submission ${id} reached no one (${channelLine(record)}); retrying.`);
  }
  const sentAt = new Date();
  record.state = "sent";
  record.sentAt = sentAt.toISOString();
  await save({ notifiedAt: sentAt, notification: toJson(record) });
  log(`notification ${id}: ${record.summary}; ${channelLine(record)}`);
  return record;
}

function isStale(notifiedAt: Date, record: NotificationRecord | null): boolean {
  return record?.state === "sending" && Date.now() - notifiedAt.getTime() > STALE_CLAIM_MS;
}

function channelLine(r: NotificationRecord): string {
  const m = r.mentions!;
  const e = r.email!;
  const sent = m.comments.filter((c) => c.status === "sent").length;
  return `mentions ${m.status} (${sent}/${m.comments.length})${m.reason ? ` ${m.reason}` : ""}, email ${e.status}${e.error ? `: ${e.error}` : e.reason ? ` (${e.reason})` : ""}`;
}

async function sendMentions(opts: NotifyOptions, view: SubmissionView): Promise<NonNullable<NotificationRecord["mentions"]>> {
  const username = view.username;
  if (!username) return { status: "skipped", username: null, reason: "No Hub username was given.", comments: [] };
  const prs = await opts.db.pullRequest.findMany({ where: { evaluationId: { in: view.evaluations.map((e) => e.id) } } });
  const targets = view.evaluations.flatMap((e) => {
    const pr = prs.find((p) => p.evaluationId === e.id);
    return pr ? [{ evaluation: e, pr }] : [];
  });
  if (targets.length === 0) {
    const reason = view.createPr ? "No pull request was opened, so there was nowhere to mention you." : "The run was private: no pull request was opened.";
    return { status: "skipped", username, reason, comments: [] };
  }
  if (!opts.hub.accessToken) return { status: "skipped", username, reason: "The server has no Hub token to comment with.", comments: [] };
  const comments: NonNullable<NotificationRecord["mentions"]>["comments"] = [];
  const seen = new Set<string>();
  for (const { evaluation: e, pr } of targets) {
    if (seen.has(pr.url)) continue; // two evaluations of one model share its PR: one comment
    seen.add(pr.url);
    try {
      await postPrComment({ hub: opts.hub, model: e.model, num: pr.number, comment: composeMention(view, e, username, opts.publicUrl) });
      comments.push({ evaluationId: e.id, model: e.model, pullRequestUrl: pr.url, status: "sent" });
    } catch (err) {
      comments.push({ evaluationId: e.id, model: e.model, pullRequestUrl: pr.url, status: "failed", error: (err as Error).message });
    }
  }
  const sent = comments.filter((c) => c.status === "sent").length;
  return { status: sent === comments.length ? "sent" : sent === 0 ? "failed" : "partial", username, comments };
}

async function sendEmailChannel(opts: NotifyOptions, view: SubmissionView, to: string | null): Promise<NonNullable<NotificationRecord["email"]>> {
  if (!to) return { status: "skipped", reason: "No email address was given." };
  const masked = maskEmail(to);
  if (!opts.smtp) return { status: "skipped", to: masked, reason: "Email is not configured on this server." };
  try {
    const { messageId } = await sendEmail({ smtp: opts.smtp, to, content: composeEmail(view, opts.publicUrl), timeoutMs: opts.smtpTimeoutMs });
    return { status: "sent", to: masked, messageId };
  } catch (err) {
    // sendEmail redacts the SMTP URL and its credentials from the message.
    return { status: "failed", to: masked, error: `The email could not be sent: ${(err as Error).message}` };
  }
}
