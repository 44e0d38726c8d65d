import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-2">
      <h1 className="text-2xl font-bold">Not found</h1>
      <p>That page does not exist. <Link href="/">Back to EvalHub</Link></p>
    </div>
  );
}
