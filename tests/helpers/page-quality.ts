import type { BrowserContext, Page } from "playwright-core";

/** Roles of form controls that must have an accessible name (Chromium's own computation, via the CDP). */
const CONTROL_ROLES = new Set(["textbox", "searchbox", "combobox", "listbox", "button", "checkbox", "radio", "spinbutton", "slider", "switch", "menuitem", "tab"]);

/** Controls (input, select, button, textarea, and anything with a control role) whose accessible name is empty. */
export async function unnamedControls(context: BrowserContext, page: Page): Promise<string[]> {
  const cdp = await context.newCDPSession(page);
  try {
    await cdp.send("Accessibility.enable");
    const { nodes } = await cdp.send("Accessibility.getFullAXTree");
    return nodes
      .filter((n) => !n.ignored && CONTROL_ROLES.has(String(n.role?.value)) && !String(n.name?.value ?? "").trim())
      .map((n) => `${n.role?.value} (backend node ${n.backendDOMNodeId})`);
  } finally {
    await cdp.detach();
  }
}

/**
 * How far the page is wider than the viewport (0 when nothing overflows horizontally), and the
 * outermost elements that stick out, to name the culprit in the failure message.
 */
export async function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const overflow = document.documentElement.scrollWidth - window.innerWidth;
    const culprits: string[] = [];
    if (overflow > 0) {
      // Inside a scrolling or clipping container (a wide table's own scroller), sticking out is fine.
      const clipped = (el: Element) => {
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) if (getComputedStyle(p).overflowX !== "visible") return true;
        return false;
      };
      for (const el of document.querySelectorAll("body *")) {
        if (el.getBoundingClientRect().right <= window.innerWidth + 0.5 || clipped(el)) continue;
        const parent = el.parentElement;
        if (parent && parent.getBoundingClientRect().right > window.innerWidth + 0.5) continue;
        culprits.push(`${el.tagName.toLowerCase()}.${String(el.getAttribute("class") ?? "").split(" ").slice(0, 4).join(".")} (${Math.round(el.getBoundingClientRect().width)} px)`);
      }
    }
    return { overflow, culprits: culprits.slice(0, 5) };
  });
}

/**
 * Presses Tab up to `presses` times from the top of the page; for each focused element, whether it
 * shows a focus ring (outline or box-shadow). Stops when focus leaves the document (a short page);
 * the first press must land on an element.
 */
export async function tabFocusRings(page: Page, presses: number): Promise<{ element: string; ring: boolean }[]> {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const out: { element: string; ring: boolean }[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { element: "body", ring: false };
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
        const shadow = s.boxShadow !== "none" && s.boxShadow !== "";
        const name = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
        return { element: name, ring: outline || shadow };
    });
    if (focused.element === "body" && i > 0) break;
    out.push(focused);
  }
  return out;
}

/**
 * The page's colours: the body background's relative luminance, and every visible text element whose
 * contrast with the background behind it is below `minContrast` (WCAG ratio).
 */
export async function colourReport(page: Page, minContrast: number): Promise<{ bodyLuminance: number; lowContrast: string[] }> {
  return page.evaluate((min) => {
    const parse = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r, g, b, a };
    };
    // Tailwind 4 writes oklch(); painting one pixel on a canvas converts any CSS colour to sRGB.
    const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgb = (c: string) => {
      const alpha = parse(c)?.a ?? (/\/\s*0(\.0*)?\s*\)$/.test(c) || c === "transparent" ? 0 : 1);
      ctx.clearRect(0, 0, 1, 1);
      ctx.fillStyle = c;
      ctx.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
      return { r, g, b, a: Math.min(alpha, a / 255) };
    };
    const lum = (c: { r: number; g: number; b: number }) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const background = (el: Element | null): { r: number; g: number; b: number } => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c && c.a > 0.5) return c;
      }
      return rgb(getComputedStyle(document.documentElement).backgroundColor) ?? { r: 255, g: 255, b: 255 };
    };
    const body = background(document.body);
    const low: string[] = [];
    for (const el of document.querySelectorAll("body *")) {
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!own) continue;
      const box = (el as HTMLElement).getBoundingClientRect();
      const s = getComputedStyle(el);
      if (box.width === 0 || box.height === 0 || s.visibility === "hidden" || Number(s.opacity) < 0.6) continue;
      if ((el as HTMLElement).closest("[hidden], [aria-hidden='true'], svg, button:disabled, [disabled]")) continue;
      const fg = rgb(s.color);
      if (!fg) continue;
      const bg = background(el);
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      const ratio = (hi + 0.05) / (lo + 0.05);
      if (ratio < min) low.push(`${el.tagName.toLowerCase()} "${el.textContent!.trim().slice(0, 40)}" ${ratio.toFixed(2)}`);
    }
    return { bodyLuminance: lum(body), lowContrast: low };
  }, minContrast);
}
