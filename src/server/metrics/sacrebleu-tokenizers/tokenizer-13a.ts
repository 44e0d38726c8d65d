import { tokenizeRegexp } from "./regexp-tokenizer";

/** sacreBLEU's default `13a` tokenizer (mteval-v13a.pl, the WMT standard). */
export function tokenize13a(line: string): string {
  line = line.replaceAll("<skipped>", "").replaceAll("-\n", "").replaceAll("\n", " ");
  if (line.includes("&")) {
    line = line.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&lt;", "<").replaceAll("&gt;", ">");
  }
  // The padding lets a sentence-final period after a digit split off (intl does not pad).
  return tokenizeRegexp(` ${line} `);
}
