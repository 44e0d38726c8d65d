import { spawn } from "node:child_process";
import { Transform, type Readable } from "node:stream";

/**
 * Thin wrapper over the `git` CLI (plumbing commands only, always with `--git-dir`).
 * The environment is pinned so the hub works on a machine with no git config at all and is not
 * affected by the user's config (signing, hooks, safe.directory on shared volumes).
 */
const BASE_ARGS = ["-c", "safe.directory=*", "-c", "commit.gpgsign=false", "-c", "core.hooksPath=/dev/null"];

export interface GitResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

export interface GitOptions {
  input?: Uint8Array | string;
  env?: Record<string, string>;
  /** Exit codes that are not errors (e.g. 1 for `merge-tree` conflicts). Default: only 0. */
  okCodes?: number[];
}

export class GitCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly result: GitResult,
  ) {
    super(`git ${args.join(" ")} failed (${result.code}): ${result.stderr.trim()}`);
    this.name = "GitCommandError";
  }
}

function gitEnv(extra?: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_TERMINAL_PROMPT: "0",
    // Paths given to diff/log are file names, never glob patterns.
    GIT_LITERAL_PATHSPECS: "1",
    LC_ALL: "C",
    ...extra,
  };
}

export function git(gitDir: string, args: string[], opts: GitOptions = {}): Promise<GitResult> {
  const fullArgs = [...BASE_ARGS, `--git-dir=${gitDir}`, ...args];
  return new Promise((resolve, reject) => {
    const child = spawn("git", fullArgs, { env: gitEnv(opts.env), stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => err.push(c));
    child.on("error", reject);
    child.on("close", (code) => {
      const result = { code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") };
      if (code === 0 || opts.okCodes?.includes(code ?? -1)) resolve(result);
      else reject(new GitCommandError(args, result));
    });
    // A command that exits before reading stdin makes the write fail with EPIPE; "close" reports it.
    child.stdin.on("error", () => {});
    child.stdin.end(opts.input ?? "");
  });
}

/** Runs git and returns trimmed stdout as text. */
export async function gitText(gitDir: string, args: string[], opts?: GitOptions): Promise<string> {
  return (await git(gitDir, args, opts)).stdout.toString("utf8").trim();
}

/** Environment that sets both author and committer (git refuses to commit without them). */
export function authorEnv(author: string): Record<string, string> {
  const email = `${author}@localhub`;
  return {
    GIT_AUTHOR_NAME: author,
    GIT_AUTHOR_EMAIL: email,
    GIT_COMMITTER_NAME: author,
    GIT_COMMITTER_EMAIL: email,
  };
}

/**
 * Streams bytes [start, end] (inclusive) of a blob. Files can be model weights, so they are piped
 * from `git cat-file` instead of buffered.
 */
export function streamBlob(gitDir: string, oid: string, start: number, end: number): Readable {
  const child = spawn("git", [...BASE_ARGS, `--git-dir=${gitDir}`, "cat-file", "blob", oid], {
    env: gitEnv(),
    stdio: ["ignore", "pipe", "ignore"],
  });
  let offset = 0;
  const slice = new Transform({
    transform(chunk: Buffer, _enc, done) {
      const from = Math.max(start - offset, 0);
      const to = Math.min(end + 1 - offset, chunk.length);
      offset += chunk.length;
      if (to > from) this.push(chunk.subarray(from, to));
      // Past the end of the range: stop git early instead of reading the rest of the blob.
      if (offset > end) child.kill();
      done();
    },
  });
  slice.on("close", () => child.kill());
  return child.stdout.pipe(slice);
}
