/** Data model of discussions and pull requests, and the pure helpers that edit it. */
import { randomBytes } from "node:crypto";
import { HubError } from "./errors";
import { sanitizeAuthor } from "./git-objects";

export type DiscussionStatus = "open" | "closed" | "merged" | "draft";
export type DiscussionEventType = "comment" | "status-change" | "commit" | "title-change";

/**
 * One entry of a discussion's timeline. `data` follows the Hub: comment
 * `{edited, hidden, latest:{raw, updatedAt}, numEdits}`, status-change `{status}`,
 * commit `{subject, oid}`, title-change `{from, to}`.
 */
export interface DiscussionEvent {
  id: string;
  type: DiscussionEventType;
  createdAt: string;
  author: string;
  data: Record<string, unknown>;
}

export interface Discussion {
  num: number;
  title: string;
  status: DiscussionStatus;
  author: string;
  createdAt: string;
  isPullRequest: boolean;
  events: DiscussionEvent[];
  /** PRs: the ref they merge into ("refs/heads/main"). */
  baseRef?: string;
  mergeCommitId?: string;
  /** PRs, once merged: the merge base, so the diff still shows what the PR changed. */
  diffBase?: string;
}

export interface DiscussionFilter {
  type?: "all" | "discussion" | "pull_request";
  /** "open" also matches drafts, "closed" also matches merged PRs (the Hub's filter semantics). */
  status?: "all" | "open" | "closed";
  author?: string;
}

export interface DiscussionsFile {
  discussions: Discussion[];
}

export const MAIN_REF = "refs/heads/main";
export const newId = () => randomBytes(12).toString("hex"); // looks like the Hub's Mongo ids
export const prRef = (num: number) => `refs/pr/${num}`;

export function event(type: DiscussionEventType, author: string, data: Record<string, unknown>): DiscussionEvent {
  return { id: newId(), type, createdAt: new Date().toISOString(), author: sanitizeAuthor(author), data };
}

export function commentEvent(author: string, raw: string): DiscussionEvent {
  const now = new Date().toISOString();
  return event("comment", author, { edited: false, hidden: false, numEdits: 0, latest: { raw, updatedAt: now } });
}

export function newDiscussion(num: number, title: string, author: string, isPullRequest: boolean, description: string): Discussion {
  const d: Discussion = {
    num, title, isPullRequest,
    status: isPullRequest ? "draft" : "open",
    author: sanitizeAuthor(author),
    createdAt: new Date().toISOString(),
    events: [],
    ...(isPullRequest ? { baseRef: MAIN_REF } : {}),
  };
  pushEvent(d, commentEvent(author, description));
  return d;
}

export function pushEvent(d: Discussion, ev: DiscussionEvent): DiscussionEvent {
  d.events.push(ev);
  return ev;
}

export function find(file: DiscussionsFile, num: number): Discussion {
  const d = file.discussions.find((x) => x.num === num);
  if (!d) throw new HubError("DiscussionNotFound", `Discussion #${num} not found`);
  return d;
}

export const nextNum = (file: DiscussionsFile) => Math.max(0, ...file.discussions.map((d) => d.num)) + 1;

export function matches(d: Discussion, f: DiscussionFilter): boolean {
  if (f.type === "discussion" && d.isPullRequest) return false;
  if (f.type === "pull_request" && !d.isPullRequest) return false;
  if (f.status === "open" && d.status !== "open" && d.status !== "draft") return false;
  if (f.status === "closed" && d.status !== "closed" && d.status !== "merged") return false;
  return !f.author || d.author === f.author;
}
