import { pyStrip } from "./python-str";
import { tokenizeRegexp } from "./regexp-tokenizer";

/**
 * The code point ranges sacreBLEU's `zh` tokenizer treats as Chinese. sacreBLEU compares one-char
 * strings against the bounds with `start <= c <= end`; two of its bounds are written `'\u20000'`,
 * `'\u2a6d6'`, `'\u2f800'`, `'\u2fa1d'`, which Python reads as a 4-hex-digit escape plus a digit, so
 * string comparison makes them (U+2000, U+2A6D] and (U+2F80, U+2FA1]. We keep that behaviour (it
 * splits e.g. curly quotes and the euro sign) because it is what the published scores use.
 */
const CHINESE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4db5],
  [0x4e00, 0x9fa5],
  [0x9fa6, 0x9fbb],
  [0xf900, 0xfa2d],
  [0xfa30, 0xfa6a],
  [0xfa70, 0xfad9],
  [0x2001, 0x2a6d], // sacreBLEU's ('\u20000', '\u2a6d6'), see above
  [0x2f81, 0x2fa1], // sacreBLEU's ('\u2f800', '\u2fa1d'), see above
  [0xff00, 0xffef],
  [0x2e80, 0x2eff],
  [0x3000, 0x303f],
  [0x31c0, 0x31ef],
  [0x2f00, 0x2fdf],
  [0x2ff0, 0x2fff],
  [0x3100, 0x312f],
  [0x31a0, 0x31bf],
  [0xfe10, 0xfe1f],
  [0xfe30, 0xfe4f],
  [0x2600, 0x26ff],
  [0x2700, 0x27bf],
  [0x3200, 0x32ff],
  [0x3300, 0x33ff],
];

function isChineseChar(cp: number): boolean {
  for (const [lo, hi] of CHINESE_RANGES) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** sacreBLEU's `zh` tokenizer: every Chinese character is a token, the rest goes through 13a's rules. */
export function tokenizeZh(line: string): string {
  line = pyStrip(line);
  let out = "";
  for (const ch of line) {
    out += isChineseChar(ch.codePointAt(0)!) ? ` ${ch} ` : ch;
  }
  return tokenizeRegexp(out);
}
