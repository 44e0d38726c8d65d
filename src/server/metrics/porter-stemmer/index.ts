/**
 * The Porter stemmer exactly as NLTK implements it (`nltk.stem.porter.PorterStemmer`, NLTK 3.8),
 * with its three modes. `rouge-score` stems with `PorterStemmer()`, i.e. NLTK_EXTENSIONS.
 *
 * Porter, M. "An algorithm for suffix stripping." Program 14.3 (1980): 130-137.
 */

export type PorterMode = "NLTK_EXTENSIONS" | "MARTIN_EXTENSIONS" | "ORIGINAL_ALGORITHM";

// NLTK_EXTENSIONS only: irregular forms mapped straight to their stem.
const IRREGULAR_FORMS: Record<string, string[]> = {
  sky: ["sky", "skies"],
  die: ["dying"],
  lie: ["lying"],
  tie: ["tying"],
  news: ["news"],
  inning: ["innings", "inning"],
  outing: ["outings", "outing"],
  canning: ["cannings", "canning"],
  howe: ["howe"],
  proceed: ["proceed"],
  exceed: ["exceed"],
  succeed: ["succeed"],
};
const POOL = new Map<string, string>(
  Object.entries(IRREGULAR_FORMS).flatMap(([stem, forms]) => forms.map((f) => [f, stem] as [string, string])),
);

type Condition = ((stem: string) => boolean) | null;
type Rule = [suffix: string, replacement: string, condition: Condition];

class PorterStemmer {
  constructor(private readonly mode: PorterMode) {}

  private isConsonant(word: string, i: number): boolean {
    // Iterative form of NLTK's recursion: a 'y' (not first) is a consonant iff the letter before it is not.
    let negate = false;
    for (let k = i; ; k--) {
      const ch = word[k];
      if (ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u") return negate;
      if (ch !== "y" || k === 0) return !negate;
      negate = !negate;
    }
  }

  /** m in [C](VC){m}[V]: the number of "vc" transitions. */
  private measure(stem: string): number {
    let m = 0;
    let prevVowel = false;
    for (let i = 0; i < stem.length; i++) {
      const c = this.isConsonant(stem, i);
      if (c && prevVowel) m++;
      prevVowel = !c;
    }
    return m;
  }

  private hasPositiveMeasure = (stem: string) => this.measure(stem) > 0;

  private containsVowel(stem: string): boolean {
    for (let i = 0; i < stem.length; i++) if (!this.isConsonant(stem, i)) return true;
    return false;
  }

  private endsDoubleConsonant(word: string): boolean {
    const n = word.length;
    return n >= 2 && word[n - 1] === word[n - 2] && this.isConsonant(word, n - 1);
  }

  private endsCvc(word: string): boolean {
    const n = word.length;
    return (
      (n >= 3 &&
        this.isConsonant(word, n - 3) &&
        !this.isConsonant(word, n - 2) &&
        this.isConsonant(word, n - 1) &&
        !"wxy".includes(word[n - 1])) ||
      (this.mode === "NLTK_EXTENSIONS" && n === 2 && !this.isConsonant(word, 0) && this.isConsonant(word, 1))
    );
  }

  private static replaceSuffix(word: string, suffix: string, replacement: string): string {
    return word.slice(0, word.length - suffix.length) + replacement;
  }

  /** The first rule whose suffix matches decides: applied if its condition holds, else the word is kept. */
  private applyRuleList(word: string, rules: Rule[]): string {
    for (const [suffix, replacement, condition] of rules) {
      if (suffix === "*d" && this.endsDoubleConsonant(word)) {
        const stem = word.slice(0, -2);
        return condition === null || condition(stem) ? stem + replacement : word;
      }
      if (word.endsWith(suffix)) {
        const stem = PorterStemmer.replaceSuffix(word, suffix, "");
        return condition === null || condition(stem) ? stem + replacement : word;
      }
    }
    return word;
  }

  private step1a(word: string): string {
    if (this.mode === "NLTK_EXTENSIONS" && word.endsWith("ies") && word.length === 4) {
      return PorterStemmer.replaceSuffix(word, "ies", "ie");
    }
    return this.applyRuleList(word, [
      ["sses", "ss", null],
      ["ies", "i", null],
      ["ss", "ss", null],
      ["s", "", null],
    ]);
  }

  private step1b(word: string): string {
    if (this.mode === "NLTK_EXTENSIONS" && word.endsWith("ied")) {
      return PorterStemmer.replaceSuffix(word, "ied", word.length === 4 ? "ie" : "i");
    }
    if (word.endsWith("eed")) {
      const stem = PorterStemmer.replaceSuffix(word, "eed", "");
      return this.measure(stem) > 0 ? stem + "ee" : word;
    }
    let intermediate: string | null = null;
    for (const suffix of ["ed", "ing"]) {
      if (word.endsWith(suffix)) {
        const candidate = PorterStemmer.replaceSuffix(word, suffix, "");
        if (this.containsVowel(candidate)) {
          intermediate = candidate;
          break;
        }
      }
    }
    if (intermediate === null) return word;
    const last = intermediate[intermediate.length - 1];
    return this.applyRuleList(intermediate, [
      ["at", "ate", null],
      ["bl", "ble", null],
      ["iz", "ize", null],
      ["*d", last, () => last !== "l" && last !== "s" && last !== "z"],
      ["", "e", (stem) => this.measure(stem) === 1 && this.endsCvc(stem)],
    ]);
  }

  private step1c(word: string): string {
    const condition =
      this.mode === "NLTK_EXTENSIONS"
        ? (stem: string) => stem.length > 1 && this.isConsonant(stem, stem.length - 1)
        : (stem: string) => this.containsVowel(stem);
    return this.applyRuleList(word, [["y", "i", condition]]);
  }

  private step2(word: string): string {
    const pos = this.hasPositiveMeasure;
    if (this.mode === "NLTK_EXTENSIONS" && word.endsWith("alli") && pos(PorterStemmer.replaceSuffix(word, "alli", ""))) {
      return this.step2(PorterStemmer.replaceSuffix(word, "alli", "al"));
    }
    const rules: Rule[] = [
      ["ational", "ate", pos],
      ["tional", "tion", pos],
      ["enci", "ence", pos],
      ["anci", "ance", pos],
      ["izer", "ize", pos],
      this.mode === "ORIGINAL_ALGORITHM" ? ["abli", "able", pos] : ["bli", "ble", pos],
      ["alli", "al", pos],
      ["entli", "ent", pos],
      ["eli", "e", pos],
      ["ousli", "ous", pos],
      ["ization", "ize", pos],
      ["ation", "ate", pos],
      ["ator", "ate", pos],
      ["alism", "al", pos],
      ["iveness", "ive", pos],
      ["fulness", "ful", pos],
      ["ousness", "ous", pos],
      ["aliti", "al", pos],
      ["iviti", "ive", pos],
      ["biliti", "ble", pos],
    ];
    if (this.mode === "NLTK_EXTENSIONS") {
      rules.push(["fulli", "ful", pos]);
      // NLTK keeps the 'l' with the stem, so short stems like 'geo' and 'theo' qualify.
      rules.push(["logi", "log", () => pos(word.slice(0, -3))]);
    }
    if (this.mode === "MARTIN_EXTENSIONS") rules.push(["logi", "log", pos]);
    return this.applyRuleList(word, rules);
  }

  private step3(word: string): string {
    const pos = this.hasPositiveMeasure;
    return this.applyRuleList(word, [
      ["icate", "ic", pos],
      ["ative", "", pos],
      ["alize", "al", pos],
      ["iciti", "ic", pos],
      ["ical", "ic", pos],
      ["ful", "", pos],
      ["ness", "", pos],
    ]);
  }

  private step4(word: string): string {
    const gt1 = (stem: string) => this.measure(stem) > 1;
    return this.applyRuleList(word, [
      ["al", "", gt1],
      ["ance", "", gt1],
      ["ence", "", gt1],
      ["er", "", gt1],
      ["ic", "", gt1],
      ["able", "", gt1],
      ["ible", "", gt1],
      ["ant", "", gt1],
      ["ement", "", gt1],
      ["ment", "", gt1],
      ["ent", "", gt1],
      ["ion", "", (stem) => this.measure(stem) > 1 && (stem.endsWith("s") || stem.endsWith("t"))],
      ["ou", "", gt1],
      ["ism", "", gt1],
      ["ate", "", gt1],
      ["iti", "", gt1],
      ["ous", "", gt1],
      ["ive", "", gt1],
      ["ize", "", gt1],
    ]);
  }

  private step5a(word: string): string {
    // Both rules for a final 'e' are tried (unlike _apply_rule_list), as NLTK does.
    if (word.endsWith("e")) {
      const stem = word.slice(0, -1);
      const m = this.measure(stem);
      if (m > 1) return stem;
      if (m === 1 && !this.endsCvc(stem)) return stem;
    }
    return word;
  }

  private step5b(word: string): string {
    return this.applyRuleList(word, [["ll", "l", () => this.measure(word.slice(0, -1)) > 1]]);
  }

  /** NLTK's `stem(word, to_lowercase=True)`; `word` holds no astral characters (see `porterStem`). */
  stem(word: string, originalLength: number): string {
    let stem = word.toLowerCase();
    if (this.mode === "NLTK_EXTENSIONS" && POOL.has(word)) return POOL.get(stem) ?? stem;
    if (this.mode !== "ORIGINAL_ALGORITHM" && originalLength <= 2) return stem;
    stem = this.step1a(stem);
    stem = this.step1b(stem);
    stem = this.step1c(stem);
    stem = this.step2(stem);
    stem = this.step3(stem);
    stem = this.step4(stem);
    stem = this.step5a(stem);
    stem = this.step5b(stem);
    return stem;
  }
}

const STEMMERS: Record<PorterMode, PorterStemmer> = {
  NLTK_EXTENSIONS: new PorterStemmer("NLTK_EXTENSIONS"),
  MARTIN_EXTENSIONS: new PorterStemmer("MARTIN_EXTENSIONS"),
  ORIGINAL_ALGORITHM: new PorterStemmer("ORIGINAL_ALGORITHM"),
};

const ASTRAL = /[\uD800-\uDFFF]/;

/**
 * Stems one word like NLTK's `PorterStemmer(mode).stem(word)`. Python indexes strings by code
 * point, so characters outside the BMP are swapped for private-use placeholders while stemming
 * (the rules only compare letters to ASCII and to each other, so the result is the same).
 */
export function porterStem(word: string, mode: PorterMode = "NLTK_EXTENSIONS"): string {
  const stemmer = STEMMERS[mode];
  if (!ASTRAL.test(word)) return stemmer.stem(word, word.length);
  const originalLength = Array.from(word).length;
  const lower = word.toLowerCase();
  const toPlaceholder = new Map<string, string>();
  const fromPlaceholder = new Map<string, string>();
  let next = 0xe000;
  const encode = (s: string) =>
    Array.from(s, (ch) => {
      if (ch.length === 1) return ch;
      let p = toPlaceholder.get(ch);
      if (p === undefined) {
        while (lower.includes(String.fromCharCode(next))) next++;
        p = String.fromCharCode(next++);
        toPlaceholder.set(ch, p);
        fromPlaceholder.set(p, ch);
      }
      return p;
    }).join("");
  // Every irregular form is ASCII, so a word with astral characters never hits the pool lookup.
  const stem = stemmer.stem(encode(lower), originalLength);
  return Array.from(stem, (ch) => fromPlaceholder.get(ch) ?? ch).join("");
}
