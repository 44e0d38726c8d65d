import type { CardData } from "./card";

/** Shapes returned by the store's read methods. */

export interface RepoFile {
  path: string;
  size: number;
  /** Git blob oid (what the Hub calls `oid` for non-LFS files, and the ETag we serve). */
  oid: string;
}

export interface RepoTreeEntry extends RepoFile {
  type: "file" | "directory";
}

export interface CommitInfo {
  oid: string;
  parents: string[];
  author: string;
  /** ISO date with milliseconds, like the Hub's `lastModified`. */
  date: string;
  title: string;
  message: string;
}

export interface GitRefInfo {
  name: string;
  ref: string;
  targetCommit: string;
}

export interface RepoRefs {
  branches: GitRefInfo[];
  tags: GitRefInfo[];
  converts: GitRefInfo[];
  pullRequests: GitRefInfo[];
}

/** What the API derives from one commit: immutable, so it is cached by sha. */
export interface RepoSnapshot {
  files: RepoFile[];
  cardData?: CardData;
  /** Start of the README body, without the front matter. */
  description: string;
  config?: Record<string, unknown>;
}
