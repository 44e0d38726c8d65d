import type { SubmissionView } from "@/server/evaluations/get-submission";

export interface Notice {
  tone: "info" | "success" | "warning";
  lines: string[];
}

/** "2026-11-26 20:31 UTC": the same text on the server and in the browser (no locale, no hydration mismatch). */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The in-app notice: what will be, or was, sent on each channel, and any channel's error. */
export function noticeFor(s: Pick<SubmissionView, "username" | "hasEmail" | "notification" | "notifiedAt" | "evaluations">): Notice {
  const ended = s.evaluations.every((e) => e.status === "succeeded" || e.status === "failed" || e.status === "cancelled");
  const n = s.notification;
  if (!n || (n.state === "sending" && !ended)) {
    const channels = [s.username ? `@${s.username} in each pull request` : "", s.hasEmail ? "you by email" : ""].filter(Boolean);
    if (!ended) {
      return { tone: "info", lines: [channels.length ? `When every evaluation has ended we will notify ${channels.join(" and ")}.` : "No Hub username or email was given: this page is the only notice. Keep it open or bookmark it."] };
    }
    // notifiedAt without a record: the worker that ended it had no notifier configured.
    const pending = channels.length > 0 && !s.notifiedAt;
    return { tone: "info", lines: [pending ? "Every evaluation has ended; sending the notification…" : "Every evaluation has ended."] };
  }
  if (n.state === "sending") return { tone: "info", lines: ["Every evaluation has ended; sending the notification…"] };

  const errors: string[] = [];
  const sentComments = n.mentions?.comments.filter((c) => c.status === "sent") ?? [];
  for (const c of n.mentions?.comments ?? []) if (c.status === "failed") errors.push(`Could not comment on the pull request of ${c.model}: ${c.error}`);
  if (n.mentions?.username && n.mentions.status === "skipped" && n.mentions.reason) errors.push(`No @mention: ${n.mentions.reason}`);
  if (n.email?.status === "failed" && n.email.error) errors.push(n.email.error);
  if (n.email?.status === "skipped" && n.email.to && n.email.reason) errors.push(`No email to ${n.email.to}: ${n.email.reason}`);

  if (n.state === "retrying") return { tone: "warning", lines: ["The notification has not reached anyone yet; it will be retried shortly.", ...errors] };

  const done = [
    sentComments.length ? `@${n.mentions!.username} in ${plural(sentComments.length, "pull request")}` : "",
    n.email?.status === "sent" ? `by email (${n.email.to})` : "",
  ].filter(Boolean);
  const when = n.sentAt ? ` on ${formatUtc(n.sentAt)}` : "";
  const head = done.length ? `${n.summary}. Notified ${done.join(" and ")}${when}.` : `${n.summary}.${s.username || s.hasEmail ? "" : " No Hub username or email was given, so this page is the only notice."}`;
  return { tone: errors.length ? "warning" : "success", lines: [head, ...errors] };
}
