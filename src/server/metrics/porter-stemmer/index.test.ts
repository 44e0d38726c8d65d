import { describe, expect, it } from "vitest";
import { porterStem, type PorterMode } from ".";

// Rows of NLTK's own test data (nltk_data stemmers/porter_test: porter_vocabulary.txt with
// porter_{nltk,martin,original}_output.txt). The whole 23,531-word vocabulary was checked in all
// three modes when this was written; these rows cover every mode difference the data shows.
const VOCABULARY: [word: string, nltk: string, martin: string, original: string][] = [
  ["abated", "abat", "abat", "abat"],
  ["abilities", "abil", "abil", "abil"],
  ["adoption", "adopt", "adopt", "adopt"],
  ["agreed", "agre", "agre", "agre"],
  ["cats", "cat", "cat", "cat"],
  ["cease", "ceas", "ceas", "ceas"],
  ["controlling", "control", "control", "control"],
  ["failing", "fail", "fail", "fail"],
  ["falling", "fall", "fall", "fall"],
  ["feed", "feed", "feed", "feed"],
  ["happiness", "happi", "happi", "happi"],
  ["hopeful", "hope", "hope", "hope"],
  ["rational", "ration", "ration", "ration"],
  ["tanned", "tan", "tan", "tan"],
  ["ties", "tie", "ti", "ti"],
  ["ape", "ape", "ap", "ap"],
  ["bay", "bay", "bai", "bai"],
  ["assaying", "assay", "assai", "assai"],
  ["unlawfully", "unlaw", "unlawfulli", "unlawfulli"],
  ["wrongfully", "wrong", "wrongfulli", "wrongfulli"],
  ["sty", "sti", "sty", "sty"],
  ["crying", "cri", "cry", "cry"],
  ["enjoying", "enjoy", "enjoi", "enjoi"],
  ["apology", "apolog", "apolog", "apologi"],
  ["assemblies", "assembl", "assembl", "assembli"],
  ["corruptibly", "corrupt", "corrupt", "corruptibli"],
  ["horribly", "horribl", "horribl", "horribli"],
  ["as", "as", "as", "a"],
  ["is", "is", "is", "i"],
  ["us", "us", "us", "u"],
  ["ay", "ay", "ay", "ai"],
  ["died", "die", "di", "di"],
  ["dies", "die", "di", "di"],
  ["dying", "die", "dy", "dy"],
  ["lying", "lie", "ly", "ly"],
  ["skies", "sky", "ski", "ski"],
  ["news", "news", "new", "new"],
  ["proceed", "proceed", "proce", "proce"],
  ["exceed", "exceed", "exce", "exce"],
  ["succeed", "succeed", "succe", "succe"],
  ["flies", "fli", "fli", "fli"],
  ["spied", "spi", "spi", "spi"],
];

describe("porterStem", () => {
  const modes: PorterMode[] = ["NLTK_EXTENSIONS", "MARTIN_EXTENSIONS", "ORIGINAL_ALGORITHM"];
  for (const [m, mode] of modes.entries()) {
    it(`matches NLTK's test vocabulary in ${mode} mode`, () => {
      for (const row of VOCABULARY) expect([row[0], porterStem(row[0], mode)]).toEqual([row[0], row[m + 1]]);
    });
  }

  it("defaults to NLTK_EXTENSIONS, the mode rouge-score's PorterStemmer() uses", () => {
    expect(porterStem("generalization")).toBe("gener");
    expect(porterStem("dying")).toBe("die");
  });

  // Values from NLTK 3.8 `PorterStemmer().stem(word)`.
  it("reproduces NLTK's quirks", () => {
    expect(porterStem("oed")).toBe("o"); // nltk issue 1581
    expect(porterStem("On")).toBe("on"); // lowercases
    expect(porterStem("sky")).toBe("sky"); // irregular form
    expect(porterStem("Sky")).toBe("ski"); // the irregular-form lookup uses the word before lowercasing
    expect(porterStem("1990s")).toBe("1990");
    expect(porterStem("abc123ing")).toBe("abc123");
  });

  it("indexes by code point like Python, also past the BMP", () => {
    // NLTK: stem("caféing") == "café", stem("𝒜lling") == "𝒜lling" (no vowel before -ing), stem("x𝒜ies") == "x𝒜i"
    expect(porterStem("caféing")).toBe("café");
    expect(porterStem("𝒜lling")).toBe("𝒜lling");
    expect(porterStem("x𝒜ies")).toBe("x𝒜i");
    expect(porterStem("𝒜𝒜")).toBe("𝒜𝒜"); // two code points: too short to stem
  });
});
