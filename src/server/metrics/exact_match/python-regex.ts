/**
 * Python `re` patterns as JavaScript RegExps, for evaluate's `regexes_to_ignore` (which it applies
 * with `re.sub`). Covers the syntax where the two differ: Unicode-aware \d \w \s \b, `.` and `$`
 * semantics, \A \Z, (?P<name>…) / (?P=name), leading global flags, literal `{` and `]`, and escaped
 * punctuation. Scoped flags (?i:…), \N{…} and \D \W \S inside a class are refused.
 */

const WORD = "\\p{L}\\p{N}_";
// str.isspace(): JavaScript's \s minus U+FEFF, plus U+001C–U+001F and U+0085.
const SPACE = "\\t-\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const ASCII_SETS = { d: "0-9", w: "A-Za-z0-9_", s: "\\t-\\r\\x20" };

const literal = (cp: number) => `\\u{${cp.toString(16)}}`;

export function pythonRegex(pattern: string): RegExp {
  let src = pattern;
  const flags = { i: false, m: false, s: false, a: false };
  // Python >= 3.11 only allows global inline flags at the very start.
  for (let m = /^\(\?([a-zA-Z]+)\)/.exec(src); m; m = /^\(\?([a-zA-Z]+)\)/.exec(src)) {
    for (const f of m[1]) {
      if (f === "i" || f === "m" || f === "s" || f === "a") flags[f] = true;
      else if (f !== "u") throw new Error(`inline flag (?${f}) is not supported`);
    }
    src = src.slice(m[0].length);
  }
  const sets = flags.a ? ASCII_SETS : { d: "\\p{Nd}", w: WORD, s: SPACE };
  const w = sets.w;
  let out = "";
  let i = 0;
  const hex = (n: number) => {
    const h = src.slice(i, i + n);
    if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(h)) throw new Error(`bad escape at position ${i}`);
    i += n;
    return parseInt(h, 16);
  };
  /** One escape after the backslash at src[i - 1]; inClass: inside [...]. Returns the JS text. */
  const escape = (inClass: boolean): { text: string; single: boolean } => {
    const e = src[i];
    if (e === undefined) throw new Error("pattern ends with a lone backslash");
    i++;
    if ("dws".includes(e)) return { text: inClass ? sets[e as "d"] : `[${sets[e as "d"]}]`, single: false };
    if ("DWS".includes(e)) {
      if (inClass) throw new Error(`\\${e} inside a character class is not supported`);
      return { text: `[^${sets[e.toLowerCase() as "d"]}]`, single: false };
    }
    if (e === "x") return { text: literal(hex(2)), single: true };
    if (e === "u") return { text: literal(hex(4)), single: true };
    if (e === "U") return { text: literal(hex(8)), single: true };
    if (e === "a") return { text: "\\x07", single: true };
    if (e === "b" && inClass) return { text: "\\x08", single: true };
    if ("ntrfv".includes(e)) return { text: `\\${e}`, single: true };
    if (e === "0" || (inClass && /[1-7]/.test(e))) {
      let digits = e;
      while (digits.length < 3 && /[0-7]/.test(src[i] ?? "")) digits += src[i++];
      return { text: literal(parseInt(digits, 8)), single: true };
    }
    if (!inClass) {
      if (e === "A") return { text: "(?<![\\s\\S])", single: false };
      if (e === "Z") return { text: "(?![\\s\\S])", single: false };
      if (e === "b") return { text: flags.a ? "\\b" : `(?:(?<=[${w}])(?![${w}])|(?<![${w}])(?=[${w}]))`, single: false };
      if (e === "B") return { text: flags.a ? "\\B" : `(?:(?<=[${w}])(?=[${w}])|(?<![${w}])(?![${w}]))`, single: false };
      if (/[1-9]/.test(e)) {
        let digits = e;
        if (/[0-9]/.test(src[i] ?? "")) digits += src[i++];
        return { text: `(?:\\${digits})`, single: false };
      }
    }
    if (/[A-Za-z0-9]/.test(e)) throw new Error(`bad escape \\${e}`);
    const cp = src.codePointAt(i - 1)!;
    if (cp > 0xffff) i++;
    return { text: literal(cp), single: true };
  };
  const classAtom = (): { text: string; single: boolean } => {
    if (src[i] === "\\") {
      i++;
      return escape(true);
    }
    const cp = src.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    return { text: /[A-Za-z0-9]/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : literal(cp), single: true };
  };
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      i++;
      out += escape(false).text;
    } else if (c === "[") {
      i++;
      let body = "";
      if (src[i] === "^") {
        body = "^";
        i++;
      }
      let first = true;
      while (i < src.length && (src[i] !== "]" || first)) {
        first = false;
        const a = classAtom();
        body += a.text;
        if (a.single && src[i] === "-" && i + 1 < src.length && src[i + 1] !== "]") {
          i++;
          const b = classAtom();
          if (!b.single) throw new Error("bad character range");
          body += `-${b.text}`;
        }
      }
      if (src[i] !== "]") throw new Error("unterminated character set");
      i++;
      out += `[${body}]`;
    } else if (src.startsWith("(?P<", i)) {
      out += "(?<";
      i += 4;
    } else if (src.startsWith("(?P=", i)) {
      const end = src.indexOf(")", i);
      if (end < 0) throw new Error("missing ), unterminated name");
      out += `\\k<${src.slice(i + 4, end)}>`;
      i = end + 1;
    } else if (src.startsWith("(?#", i)) {
      const end = src.indexOf(")", i);
      if (end < 0) throw new Error("missing ), unterminated comment");
      i = end + 1;
    } else if (/^\(\?[aiLmsux-]+[:)]/.test(src.slice(i))) {
      throw new Error("inline flags other than at the start of the pattern are not supported");
    } else if (c === ".") {
      out += flags.s ? "[\\s\\S]" : "[^\\n]";
      i++;
    } else if (c === "$") {
      out += flags.m ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
      i++;
    } else if (c === "^") {
      out += flags.m ? "(?:(?<![\\s\\S])|(?<=\\n))" : "(?<![\\s\\S])";
      i++;
    } else if (c === "{") {
      // A quantifier only when it parses as one ({,m} means {0,m}); otherwise a literal brace.
      const q = /^\{(\d*)(,?)(\d*)\}/.exec(src.slice(i));
      if (q && (q[1] || (q[2] && q[3]))) {
        out += `{${q[1] || "0"}${q[2]}${q[3]}}`;
        i += q[0].length;
      } else {
        out += "\\{";
        i++;
      }
    } else if (c === "}" || c === "]") {
      out += `\\${c}`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return new RegExp(out, flags.i ? "giu" : "gu");
}
