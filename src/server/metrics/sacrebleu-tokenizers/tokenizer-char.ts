/** sacreBLEU's `char` tokenizer: every code point (whitespace ones vanish at the split). */
export function tokenizeChar(line: string): string {
  return Array.from(line).join(" ");
}
