"use client";

import { DependencyError } from "@/components/dependency-error";

/**
 * The error state of every page. In production React hides server error messages (only a digest
 * reaches the browser), so DependencyError asks /api/health what is down and says so.
 */
export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <DependencyError title="Something went wrong" {...props} />;
}
