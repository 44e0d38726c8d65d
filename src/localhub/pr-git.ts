import { git, gitText } from "./git";

/** Git's well-known empty tree: the diff base of a PR that shares no history with its base branch. */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export async function mergeBase(gitDir: string, a: string, b: string): Promise<string | null> {
  const out = await git(gitDir, ["merge-base", a, b], { okCodes: [1] });
  return out.code === 0 ? out.stdout.toString("utf8").trim() : null;
}

export async function isAncestor(gitDir: string, ancestor: string, descendant: string): Promise<boolean> {
  const out = await git(gitDir, ["merge-base", "--is-ancestor", ancestor, descendant], { okCodes: [1] });
  return out.code === 0;
}

/**
 * Three-way merge of two commits without a work tree (`git merge-tree --write-tree`, git >= 2.38).
 * Returns the merged tree, or the conflicting paths.
 */
export async function mergeTrees(gitDir: string, ours: string, theirs: string): Promise<{ tree: string; conflicts: string[] }> {
  const out = await git(gitDir, ["merge-tree", "--write-tree", "--name-only", "--no-messages", ours, theirs], { okCodes: [1] });
  const [tree, ...rest] = out.stdout.toString("utf8").split("\n").filter(Boolean);
  return { tree, conflicts: out.code === 1 ? [...new Set(rest)] : [] };
}

/** Unified diff (`diff --git a/… b/…`), the format the Hub returns for `?diff=1`. */
export function unifiedDiff(gitDir: string, from: string, to: string): Promise<string> {
  return gitText(gitDir, ["diff", "--no-color", "--no-ext-diff", "--no-renames", from, to]).then((d) => (d ? `${d}\n` : ""));
}
