import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getContext } from "@/server/context";
import { AppError } from "@/server/errors";
import { getSubmission } from "@/server/evaluations/get-submission";
import { SubmissionLive } from "./submission-live";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Submission · EvalHub" };

export default async function SubmissionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  try {
    const submission = await getSubmission({ db: getContext().db, id });
    return <SubmissionLive initial={submission} />;
  } catch (err) {
    if (err instanceof AppError && err.code === "NOT_FOUND") notFound();
    throw err;
  }
}
