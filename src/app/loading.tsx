import { PageLoading } from "@/components/evaluation/page-loading";

export default function Loading() {
  return <PageLoading title="EvalHub" />;
}
