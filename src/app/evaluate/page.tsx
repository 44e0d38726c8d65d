import { listTasks } from "@/server/tasks/list-tasks";
import { EvaluateForm } from "./evaluate-form";

export default async function EvaluatePage({ searchParams }: { searchParams: Promise<{ dataset?: string }> }) {
  const { dataset } = await searchParams;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">New evaluation</h1>
      <EvaluateForm tasks={listTasks()} initialDataset={typeof dataset === "string" ? dataset : ""} />
    </div>
  );
}
