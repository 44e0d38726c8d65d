/**
 * GET /favicon.ico: browsers ask for it whenever a page's head names no icon yet (the error page,
 * whose metadata never streamed, or a page still loading); send them to the app icon instead of a
 * 404 that shows up as a console error.
 */
export const dynamic = "force-static";

export function GET(): Response {
  return new Response(null, { status: 308, headers: { Location: "/icon.svg", "Cache-Control": "public, max-age=86400" } });
}
