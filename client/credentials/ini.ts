/**
 * The INI form of the SDKs' credentials file (`~/.alibabacloud/credentials`):
 * `[section]` lines, `key = value` lines under them, and whole-line comments
 * starting with `#` or `;`. Deliberately small and strict, so that a file
 * means one thing:
 *
 * - a `#` or `;` ends a value only after whitespace (`secret = ab#cd` keeps
 *   `ab#cd`; the `ini` package the official SDK uses cuts it to `ab`);
 * - a value in matching `"` or `'` quotes is taken literally, without escapes
 *   (a Windows path stays as written);
 * - a dot in a section name is part of the name (`ini` nests `[a.b]` under `a`);
 * - every value is a string (`ini` turns `true`, `false` and `null` into others);
 * - a line that is none of these, a key before any section and a key given
 *   twice in one section are errors naming the line, never its content (a
 *   malformed line may hold a secret).
 *
 * Sections and keys are kept in Maps, so `[__proto__]` is a name like another.
 */

export type IniSection = ReadonlyMap<string, string>;
export type IniFile = ReadonlyMap<string, IniSection>;

/** A line the parser cannot read: its number (from 1) and what is wrong, in words that quote nothing from the line. */
export class IniSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
  }
}

const SECTION = /^\[([^\]]*)\]\s*(?:[#;].*)?$/;
/** Whitespace then a comment character: where an unquoted value ends. */
const INLINE_COMMENT = /\s[#;]/;

function valueOf(raw: string, line: number): string {
  const quote = raw[0];
  if (quote !== '"' && quote !== "'") {
    const comment = INLINE_COMMENT.exec(raw);
    return (comment ? raw.slice(0, comment.index) : raw).trim();
  }
  const end = raw.indexOf(quote, 1);
  if (end < 0) throw new IniSyntaxError(line, "a quoted value has no closing quote");
  const rest = raw.slice(end + 1).trim();
  if (rest !== "" && !/^[#;]/.test(rest)) throw new IniSyntaxError(line, "there is text after a quoted value's closing quote");
  return raw.slice(1, end);
}

export function parseIni(text: string): IniFile {
  const sections = new Map<string, Map<string, string>>();
  let current: { name: string; keys: Map<string, string> } | undefined;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\n|\r/);
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const trimmed = rawLine.trim();
    if (trimmed === "" || trimmed.startsWith("#") || trimmed.startsWith(";")) return;
    if (trimmed.startsWith("[")) {
      const match = SECTION.exec(trimmed);
      if (!match) throw new IniSyntaxError(line, "a section header must read [name], optionally followed by a comment");
      const name = (match[1] ?? "").trim();
      if (name === "") throw new IniSyntaxError(line, "a section header has an empty name");
      // A section given twice is one section (as in the official parsers); its keys still may not repeat.
      const keys = sections.get(name) ?? new Map<string, string>();
      sections.set(name, keys);
      current = { name, keys };
      return;
    }
    const equals = trimmed.indexOf("=");
    if (equals < 0) throw new IniSyntaxError(line, "it is neither a [section], a key = value line nor a comment");
    const key = trimmed.slice(0, equals).trim();
    if (key === "") throw new IniSyntaxError(line, "a value has no key before its =");
    if (!current) throw new IniSyntaxError(line, "a key = value line comes before any [section]");
    if (current.keys.has(key)) throw new IniSyntaxError(line, `key ${key} is given twice in [${current.name}]`);
    current.keys.set(key, valueOf(trimmed.slice(equals + 1).trim(), line));
  });
  return sections;
}
