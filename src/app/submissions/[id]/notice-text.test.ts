import { describe, expect, it } from "vitest";
import type { NotificationRecord } from "@/server/notifications/types";
import { noticeFor } from "./notice-text";

const ended = [{ status: "succeeded" as const }, { status: "failed" as const }];
const base: NotificationRecord = {
  state: "sent",
  claimedAt: "2026-11-26T20:30:59.000Z",
  sentAt: "2026-11-26T20:31:02.000Z",
  summary: "1 of 2 evaluations succeeded on evalhub-demo/sst2 (1 failed)",
  counts: { total: 2, succeeded: 1, failed: 1, cancelled: 0 },
  mentions: { status: "sent", username: "alice", comments: [{ evaluationId: "e1", model: "m/a", pullRequestUrl: "http://hub/m/a/discussions/1", status: "sent" }] },
  email: { status: "sent", to: "a***@example.com", messageId: "<x@y>" },
};

describe("noticeFor", () => {
  it("promises the channels while evaluations run", () => {
    expect(noticeFor({ notifiedAt: null, username: "alice", hasEmail: true, notification: null, evaluations: [{ status: "running" }] as never }).lines).toEqual([
      "When every evaluation has ended we will notify @alice in each pull request and you by email.",
    ]);
  });

  it("says who was notified, where and when", () => {
    const n = noticeFor({ notifiedAt: null, username: "alice", hasEmail: true, notification: base, evaluations: ended as never });
    expect(n.tone).toBe("success");
    expect(n.lines).toEqual(["1 of 2 evaluations succeeded on evalhub-demo/sst2 (1 failed). Notified @alice in 1 pull request and by email (a***@example.com) on 2026-11-26 20:31 UTC."]);
  });

  it("shows a channel's error next to what did go out", () => {
    const notification = { ...base, email: { status: "failed" as const, to: "a***@example.com", error: "The email could not be sent: connect ECONNREFUSED 127.0.0.1:25" } };
    const n = noticeFor({ notifiedAt: null, username: "alice", hasEmail: true, notification, evaluations: ended as never });
    expect(n.tone).toBe("warning");
    expect(n.lines[0]).toMatch(/Notified @alice in 1 pull request on /);
    expect(n.lines[1]).toBe("The email could not be sent: connect ECONNREFUSED 127.0.0.1:25");
  });

  it("says a notification that reached no one will be retried", () => {
    const notification = { ...base, state: "retrying" as const, sentAt: null, mentions: { status: "skipped" as const, username: null, reason: "No Hub username was given.", comments: [] }, email: { status: "failed" as const, to: "a***@example.com", error: "The email could not be sent: timeout" } };
    expect(noticeFor({ notifiedAt: null, username: null, hasEmail: true, notification, evaluations: ended as never }).lines).toEqual([
      "The notification has not reached anyone yet; it will be retried shortly.",
      "The email could not be sent: timeout",
    ]);
  });
});
