import { describe, expect, it } from "vitest";
import { BLEU_TOKENIZERS, codePoints, pyRemoveWhitespace, pyRstrip, pySplit, pyStrip } from ".";

// [input, 13a, intl, zh, Python str.split()], outputs of sacreBLEU 2.6.0's tokenizers.
const CASES: [string, string, string, string, string[]][] = [
  ["Hello, world! It's 3.14 and 1,000.", "Hello , world ! It's 3.14 and 1,000 .", "Hello , world ! It ' s 3.14 and 1,000.", "Hello , world ! It's 3.14 and 1,000.", ["Hello,", "world!", "It's", "3.14", "and", "1,000."]],
  ["He said &quot;hi&quot; &amp; left.<skipped> a-\nb c\nd", "He said \" hi \" & left . ab c d", "He said & quot ; hi & quot ; & amp ; left . < skipped > a - b c d", "He said & quot ; hi & quot ; & amp ; left . < skipped > a- b c d", ["He", "said", "&quot;hi&quot;", "&amp;", "left.<skipped>", "a-", "b", "c", "d"]],
  ["2021-05-06 x-y (a) [b] {c} ~d~ `e` @f #g $h %i ^j &k *l +m =n |o \\p /q <r> :s ;t ?u", "2021 - 05 - 06 x-y ( a ) [ b ] { c } ~ d ~ ` e ` @ f # g $ h % i ^ j & k * l + m = n | o \\ p / q < r > : s ; t ? u", "2021-05-06 x - y ( a ) [ b ] { c } ~ d ~ ` e ` @ f # g $ h % i ^ j & k * l + m = n | o \\ p / q < r > : s ; t ? u", "2021 - 05 - 06 x-y ( a ) [ b ] { c } ~ d ~ ` e ` @ f # g $ h % i ^ j & k * l + m = n | o \\ p / q < r > : s ; t ? u", ["2021-05-06", "x-y", "(a)", "[b]", "{c}", "~d~", "`e`", "@f", "#g", "$h", "%i", "^j", "&k", "*l", "+m", "=n", "|o", "\\p", "/q", "<r>", ":s", ";t", "?u"]],
  ["end with 2021.", "end with 2021 .", "end with 2021.", "end with 2021.", ["end", "with", "2021."]],
  ["Das kostet 5€ – „billig“… oder? 3,5% ±2 ©2021.", "Das kostet 5€ – „billig“… oder ? 3,5 % ±2 ©2021 .", "Das kostet 5 € – „ billig “ … oder ? 3,5 % ± 2 © 2021.", "Das kostet 5 € – „ billig “ … oder ? 3,5 % ±2 ©2021.", ["Das", "kostet", "5€", "–", "„billig“…", "oder?", "3,5%", "±2", "©2021."]],
  ["1.000,5 Euro; U.S.A. e.g. ...", "1.000,5 Euro ; U . S . A . e . g . . . .", "1.000,5 Euro ; U . S . A . e . g . . . .", "1.000,5 Euro ; U . S . A . e . g . . . .", ["1.000,5", "Euro;", "U.S.A.", "e.g.", "..."]],
  ["我们在北京，今天天气很好。“你好” ok‘x’ €5", "我们在北京，今天天气很好。“你好” ok‘x’ €5", "我们在北京 ， 今天天气很好 。 “ 你好 ” ok ‘ x ’ € 5", "我 们 在 北 京 ， 今 天 天 气 很 好 。 “ 你 好 ” ok ‘ x ’ € 5", ["我们在北京，今天天气很好。“你好”", "ok‘x’", "€5"]],
  ["𠀀𠀁 emoji 😀, done.", "𠀀𠀁 emoji 😀 , done .", "𠀀𠀁 emoji 😀 , done .", "𠀀𠀁 emoji 😀 , done .", ["𠀀𠀁", "emoji", "😀,", "done."]],
  ["  lead\u00a0nbsp\u3000ideographic\u2028sep\u0085nel\u001cfs\ufeffbom  ", "lead nbsp ideographic sep nel fs\ufeffbom", "lead nbsp ideographic sep nel fs\ufeffbom", "lead nbsp ideographic sep nel fs\ufeffbom", ["lead", "nbsp", "ideographic", "sep", "nel", "fs\ufeffbom"]],
  ["tab\tsep\u000bvt\ffeed\rcr", "tab sep vt feed cr", "tab sep vt feed cr", "tab sep vt feed cr", ["tab", "sep", "vt", "feed", "cr"]],
  ["", "", "", "", []],
  ["   ", "", "", "", []],
];

describe("sacreBLEU tokenizers", () => {
  CASES.forEach(([input, t13a, intl, zh, split], i) => {
    it(`case ${i}: ${JSON.stringify(input).slice(0, 40)}`, () => {
      expect(BLEU_TOKENIZERS["13a"](input)).toBe(t13a);
      expect(BLEU_TOKENIZERS.intl(input)).toBe(intl);
      expect(BLEU_TOKENIZERS.zh(input)).toBe(zh);
      expect(pySplit(input)).toEqual(split);
      expect(BLEU_TOKENIZERS.none(input)).toBe(input);
    });
  });

  it("13a punctuation class is exactly mteval's ASCII set", () => {
    let split = "";
    for (let c = 0x21; c < 0x7f; c++) {
      const ch = String.fromCharCode(c);
      if (BLEU_TOKENIZERS["13a"](`a${ch}b`) !== `a${ch}b`) split += ch;
    }
    // ' stays inside words; , . split only next to non-digits; - only after a digit
    expect(split).toBe("!\"#$%&()*+,./:;<=>?@[\\]^_`{|}~");
  });

  it("intl keeps a period between digits and after a final number (as mteval-v14)", () => {
    expect(BLEU_TOKENIZERS.intl("3.5 in 2021.")).toBe("3.5 in 2021.");
    expect(BLEU_TOKENIZERS["13a"]("3.5 in 2021.")).toBe("3.5 in 2021 .");
  });

  it("char tokenizes code points", () => {
    expect(BLEU_TOKENIZERS.char("a😀 b")).toBe("a 😀   b");
    expect(pySplit(BLEU_TOKENIZERS.char("a😀 b"))).toEqual(["a", "😀", "b"]);
  });

  it("Python string helpers", () => {
    expect(pyRstrip(" a \u3000\x85\n")).toBe(" a");
    expect(pyStrip("\x1c a \ufeff")).toBe("a \ufeff");
    expect(pyRemoveWhitespace(" a\tb\u2028c ")).toBe("abc");
    expect(Array.from(codePoints("a😀b"))).toEqual([0x61, 0x1f600, 0x62]);
    expect(pySplit("")).toEqual([]);
    expect(pySplit("  ")).toEqual([]);
  });
});
