/**
 * Regular expressions in mappings run on RE2 (the `re2js` port): matching takes time linear in the input,
 * so a pattern such as `/^(a+)+$/` on webhook data cannot freeze the server with catastrophic backtracking
 * (JSONata's own time-out cannot interrupt a single native `RegExp.exec`). RE2 has no backreferences and no
 * lookaround; a pattern using them fails to compile with a clear message.
 *
 * `LinearRegExp` is the `RegexEngine` JSONata is given: it is constructed from the literal's `RegExp` and
 * offers what JSONata uses: `lastIndex`, `exec(text)` (a match array with `index`), `source`, `flags`.
 */
import { RE2JS } from 're2js';

export class LinearRegExp {
  lastIndex = 0;
  readonly source: string;
  readonly flags: string;
  private readonly re: ReturnType<typeof RE2JS.compile>;

  constructor(pattern: RegExp | string, flags?: string) {
    this.source = typeof pattern === 'string' ? pattern : pattern.source;
    this.flags = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
    let options = 0;
    if (this.flags.includes('i')) options |= RE2JS.CASE_INSENSITIVE;
    if (this.flags.includes('m')) options |= RE2JS.MULTILINE;
    if (this.flags.includes('s')) options |= RE2JS.DOTALL;
    try {
      this.re = RE2JS.compile(this.source, options);
    } catch (error) {
      throw new Error(`regular expression /${this.source}/ is not supported (${(error as Error).message}); mappings use RE2: no backreferences or lookaround`);
    }
  }

  /** Finds the next match at or after `lastIndex`; sets `lastIndex` to its end. */
  exec(text: string): (RegExpExecArray & { index: number }) | null {
    const matcher = this.re.matcher(text);
    if (this.lastIndex > text.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups: Array<string | undefined> = [];
    for (let g = 0; g <= matcher.groupCount(); g++) groups.push(matcher.group(g) ?? undefined);
    const match = Object.assign(groups as unknown as RegExpExecArray, { index: matcher.start(), input: text });
    this.lastIndex = matcher.end(); // as a native `g` RegExp: JSONata itself refuses zero-length repeats (D1004)
    return match;
  }

  test(text: string): boolean {
    return this.exec(text) !== null;
  }
}
