/**
 * Python `str` semantics the sacreBLEU family relies on. Python's `split()`/`strip()` treat more
 * code points as whitespace than JavaScript's `\s` (U+001C–U+001F, U+0085) and fewer (not U+FEFF),
 * so `\s` would change token boundaries, and with them the scores.
 */
const PY_WS = "\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const SPLIT_RE = new RegExp(`[${PY_WS}]+`);
const ALL_WS_RE = new RegExp(`[${PY_WS}]+`, "g");
const LEADING_WS_RE = new RegExp(`^[${PY_WS}]+`);
const TRAILING_WS_RE = new RegExp(`[${PY_WS}]+$`);

/** `s.split()` with no separator: runs of whitespace split, no empty tokens. */
export function pySplit(s: string): string[] {
  const parts = s.split(SPLIT_RE);
  if (parts.length && parts[0] === "") parts.shift();
  if (parts.length && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/** `" ".join(s.split())`: single spaces between tokens, none around. */
export function pyNormalizeSpace(s: string): string {
  return pySplit(s).join(" ");
}

/** `s.rstrip()`. */
export function pyRstrip(s: string): string {
  return s.replace(TRAILING_WS_RE, "");
}

/** `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(LEADING_WS_RE, "").replace(TRAILING_WS_RE, "");
}

/** `"".join(s.split())`: every whitespace code point removed. */
export function pyRemoveWhitespace(s: string): string {
  return s.replace(ALL_WS_RE, "");
}

/** Python indexes strings by code point, JavaScript by UTF-16 unit; n-grams must use code points. */
export function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out[n++] = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        i++;
        continue;
      }
    }
    out[n++] = c;
  }
  return out.subarray(0, n);
}
