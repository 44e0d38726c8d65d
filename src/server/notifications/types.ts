import type { Db } from "@/server/db/client";
import type { HubConfig } from "@/server/hub/hub-config";

/** SMTP delivery for notification emails. `url` may hold a password: it never reaches a log or a record. */
export interface SmtpSettings {
  /** `smtp://user:pass@host:port` or `smtps://…` (env SMTP_URL). */
  url: string;
  /** Sender, e.g. `EvalHub <evalhub@example.org>` (env SMTP_FROM). */
  from: string;
}

export interface NotifyOptions {
  db: Db;
  /** Where the PRs live; its server token posts the @mention comments. */
  hub: HubConfig;
  submissionId: string;
  /** Base URL of this deployment, for the links in comments and emails. */
  publicUrl: string;
  /** Null when no SMTP server is configured: no email is sent, and the record says so. */
  smtp: SmtpSettings | null;
  log?: (line: string) => void;
  /**
   * Set by a caller that will call again (a BullMQ job with attempts left). When the notification
   * reached no one (every attempted channel failed), the claim is released and a
   * `NotificationRetryError` is thrown, so the retry sends it. Otherwise failures are recorded.
   */
  retryIfUndelivered?: boolean;
  /** Socket timeouts for SMTP, in ms (default 15 s), so a dead server cannot hold a worker. */
  smtpTimeoutMs?: number;
}

export type ChannelStatus = "sent" | "failed" | "skipped";

export interface MentionComment {
  evaluationId: string;
  model: string;
  pullRequestUrl: string;
  status: "sent" | "failed";
  error?: string;
}

/**
 * What the one notification of a submission did, stored in Submission.notification and shown on
 * the submission page. Holds no secret: the email address is masked, SMTP errors are redacted.
 */
export interface NotificationRecord {
  /**
   * "sending" while a worker holds the claim; "sent" once every channel was tried; "retrying" when
   * nothing was delivered and the claim was released for the caller's retry.
   */
  state: "sending" | "retrying" | "sent";
  claimedAt: string;
  sentAt: string | null;
  /** E.g. "2 of 3 evaluations succeeded on evalhub-demo/sst2 (1 failed)". */
  summary: string;
  counts: OutcomeCounts;
  mentions: {
    status: ChannelStatus | "partial";
    username: string | null;
    /** Why nothing was posted (no username, no PR, no server token). */
    reason?: string;
    comments: MentionComment[];
  } | null;
  email: {
    status: ChannelStatus;
    /** Masked recipient, e.g. "a***@example.com". */
    to?: string;
    messageId?: string;
    reason?: string;
    error?: string;
  } | null;
  /** Failed deliveries released for a retry so far (see `retryIfUndelivered`). */
  retries?: number;
}

export interface OutcomeCounts {
  total: number;
  succeeded: number;
  failed: number;
  cancelled: number;
}

/** Thrown when nothing was delivered and the caller asked to retry; the claim was released. */
export class NotificationRetryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotificationRetryError";
  }
}
