import type { SubmissionView } from "@/server/evaluations/get-submission";
import type { EvaluationView } from "@/server/evaluations/views";
import type { OutcomeCounts } from "./types";
import { plainFailure } from "./plain-failure";

/** Every link a notification gives, built once so the email, the comment and the page agree. */
export function submissionLinks(publicUrl: string, s: Pick<SubmissionView, "id" | "dataset" | "config" | "split">) {
  const base = publicUrl.replace(/\/$/, "");
  const query = new URLSearchParams({ config: s.config, split: s.split });
  return {
    run: `${base}/submissions/${s.id}`,
    leaderboard: `${base}/leaderboards/${s.dataset}?${query}`,
    evaluation: (id: string) => `${base}/evaluations/${id}`,
    manifest: (id: string) => `${base}/evaluations/${id}#manifest`,
    predictions: (id: string) => `${base}/api/evaluations/${id}/predictions?format=jsonl`,
  };
}

export function countOutcomes(evaluations: Pick<EvaluationView, "status">[]): OutcomeCounts {
  const n = (status: string) => evaluations.filter((e) => e.status === status).length;
  return { total: evaluations.length, succeeded: n("succeeded"), failed: n("failed"), cancelled: n("cancelled") };
}

/** "2 of 3 evaluations succeeded on evalhub-demo/sst2 (1 failed)". */
export function outcomeSummary(counts: OutcomeCounts, dataset: string): string {
  const noun = counts.total === 1 ? "evaluation" : "evaluations";
  const rest = [counts.failed ? `${counts.failed} failed` : "", counts.cancelled ? `${counts.cancelled} cancelled` : ""].filter(Boolean).join(", ");
  return `${counts.succeeded} of ${counts.total} ${noun} succeeded on ${dataset}${rest ? ` (${rest})` : ""}`;
}

const fmt = (v: number) => v.toFixed(4);

/** "Accuracy 0.7275 (95% CI 0.6825–0.7700)" per metric, in the submission's metric order. */
export function metricLines(s: SubmissionView, e: EvaluationView): string[] {
  return s.metrics
    .filter((m) => e.results[m] !== undefined)
    .map((m) => {
      const ci = e.intervals[m];
      return `${s.metricLabels[m] ?? m} ${fmt(e.results[m])}${ci ? ` (95% CI ${fmt(ci[0])}–${fmt(ci[1])})` : ""}`;
    });
}

/** One model's outcome in a sentence: its results, or why it has none. */
export function outcomeText(s: SubmissionView, e: EvaluationView): string {
  if (e.status === "succeeded") {
    const lines = metricLines(s, e);
    return lines.length ? `succeeded: ${lines.join("; ")}` : "succeeded";
  }
  return `${e.status}: ${plainFailure(e.status, e.failureReason)}`;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (v: string) => v.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** The notification email: subject with the outcome, per-model results or reasons, and every link. */
export function composeEmail(s: SubmissionView, publicUrl: string): EmailContent {
  const links = submissionLinks(publicUrl, s);
  const summary = outcomeSummary(countOutcomes(s.evaluations), s.dataset);
  const intro = `Your EvalHub run on ${s.dataset} (config ${s.config}, split ${s.split}) has ended: ${summary}.`;
  const cancelledNote = s.evaluations.some((e) => e.status === "cancelled") ? "Cancelled evaluations were stopped on request and have no results." : "";

  const textModels = s.evaluations.map((e) => {
    const lines = [`* ${e.model}: ${outcomeText(s, e)}`, `  Evaluation and manifest: ${links.evaluation(e.id)}`];
    if (e.status === "succeeded") lines.push(`  Predictions: ${links.predictions(e.id)}`);
    if (e.pullRequestUrl) lines.push(`  Pull request: ${e.pullRequestUrl}`);
    else if (e.pullRequestError) lines.push(`  No pull request: ${e.pullRequestError}`);
    return lines.join("\n");
  });
  const text = [intro, "", ...textModels, ...(cancelledNote ? ["", cancelledNote] : []), "", `Run page: ${links.run}`, `Leaderboard: ${links.leaderboard}`, ""].join("\n");

  const a = (href: string, label: string) => `<a href="${escapeHtml(href)}">${escapeHtml(label)}</a>`;
  const htmlModels = s.evaluations.map((e) => {
    const parts = [a(links.evaluation(e.id), "evaluation and manifest")];
    if (e.status === "succeeded") parts.push(a(links.predictions(e.id), "predictions"));
    if (e.pullRequestUrl) parts.push(a(e.pullRequestUrl, "pull request"));
    const body =
      e.status === "succeeded"
        ? `<ul>${metricLines(s, e).map((l) => `<li>${escapeHtml(l)}</li>`).join("")}</ul>`
        : `<p>${escapeHtml(plainFailure(e.status, e.failureReason) ?? "")}</p>`;
    const noPr = !e.pullRequestUrl && e.pullRequestError ? `<p>No pull request: ${escapeHtml(e.pullRequestError)}</p>` : "";
    return `<li><strong>${escapeHtml(e.model)}</strong>: ${escapeHtml(e.status)}${body}${noPr}<p>${parts.join(" · ")}</p></li>`;
  });
  const html = [
    `<p>${escapeHtml(intro)}</p>`,
    `<ul>${htmlModels.join("")}</ul>`,
    cancelledNote ? `<p>${escapeHtml(cancelledNote)}</p>` : "",
    `<p>${a(links.run, "Run page")} · ${a(links.leaderboard, "Leaderboard")}</p>`,
  ].join("\n");
  return { subject: `EvalHub: ${summary}`, text, html };
}

/** The PR comment that @mentions the requester with this model's outcome. */
export function composeMention(s: SubmissionView, e: EvaluationView, username: string, publicUrl: string): string {
  const links = submissionLinks(publicUrl, s);
  const head = `@${username} the evaluation of \`${e.model}\` on \`${s.dataset}\` (config \`${s.config}\`, split \`${s.split}\`) has ended.`;
  const outcome =
    e.status === "succeeded"
      ? ["**Succeeded.**", "", ...metricLines(s, e).map((l) => `- ${l}`)]
      : [`**${e.status[0].toUpperCase()}${e.status.slice(1)}:** ${plainFailure(e.status, e.failureReason)}`];
  const linkLines = [`- Run: ${links.run}`, `- Evaluation and reproducibility manifest: ${links.evaluation(e.id)}`];
  if (e.status === "succeeded") linkLines.push(`- Predictions: ${links.predictions(e.id)}`);
  linkLines.push(`- Leaderboard: ${links.leaderboard}`);
  return [head, "", ...outcome, "", ...linkLines].join("\n");
}
