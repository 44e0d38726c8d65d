import type { Metadata } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: "EvalHub",
  description: "Evaluate any model on any dataset with any metric, without writing code.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen">
        <header className="border-b border-gray-200 dark:border-gray-800">
          <nav className="mx-auto flex max-w-5xl items-center gap-6 px-4 py-3" aria-label="Main">
            <Link href="/" className="text-lg font-bold text-gray-900 no-underline dark:text-gray-100">
              EvalHub
            </Link>
            <Link href="/evaluate">New evaluation</Link>
            <Link href="/leaderboards">Leaderboards</Link>
          </nav>
        </header>
        <main className="mx-auto max-w-5xl px-4 py-6">{children}</main>
      </body>
    </html>
  );
}
