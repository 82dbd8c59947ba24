/**
 * Repairs regex reuse in JSONata (case M6: `$p := /[,-]/` used three times in one array gives three
 * different answers).
 *
 * The cause, in jsonata 2.2.2 (`evaluateRegex`): a regex literal evaluates to a matcher closure around ONE
 * `RegExp` with the `g` flag, and each match's `next()` reads that RegExp's `lastIndex` lazily, when it is
 * called. JSONata evaluates the items of an array constructor, and the values of an object constructor,
 * concurrently (`Promise.all`), so two `$replace` calls holding the same matcher interleave at every `await`
 * and each resumes from the position the other left in the shared `lastIndex`.
 *
 * The repair covers every built-in that takes a matcher (`$replace`, `$match`, `$split`, `$contains`). JSONata
 * hands a native function argument over wrapped in a closure that forwards all parameters, and the regex
 * matcher takes `(text, fromIndex)`, setting `lastIndex` and running `exec` in one synchronous step. So the
 * wrapper below asks for each match from an explicit position (the previous match's `end`, which is exactly
 * where a `g` regex's `exec` leaves `lastIndex`) instead of through the shared state: every use has its own
 * position, whatever runs in between. The zero-length-match error (D1004) is raised as before.
 */
import { callBuiltin } from './builtins.js';
import type { MappingFunction } from './types.js';

/** One match in JSONata's matcher protocol (`{ match, start, end, groups, next }`). */
interface MatchStep {
  match: string;
  start: number;
  end: number;
  groups: string[];
  next: () => unknown;
}

function isMatchStep(value: unknown): value is MatchStep {
  const step = value as MatchStep | null | undefined;
  return typeof step === 'object' && step !== null && typeof step.start === 'number' && typeof step.end === 'number' &&
    typeof step.match === 'string' && typeof step.next === 'function';
}

/**
 * Wraps a regex matcher (a function of arity 2: `(text, fromIndex)`, as JSONata's regex closures are) so every
 * match is found from an explicit position. Anything else — a custom matcher written as a one-parameter
 * function or a JSONata lambda — is returned unchanged, and so is a result that does not follow the protocol.
 */
export function isolateMatcher(pattern: unknown): unknown {
  if (typeof pattern !== 'function' || (pattern as { arity?: unknown }).arity !== 2) return pattern;
  const matcher = pattern as (text: string, fromIndex: number) => unknown;
  const matchFrom = async (text: string, fromIndex: number, isFollowing: boolean): Promise<unknown> => {
    const step = await matcher(text, fromIndex);
    if (!isMatchStep(step)) return step;
    if (isFollowing && step.match === '') {
      // JSONata's own error for a pattern that can match the empty string (it would never advance).
      throw { code: 'D1004', stack: new Error().stack, value: '' };
    }
    return {
      match: step.match,
      start: step.start,
      end: step.end,
      groups: [...step.groups],
      next: () => (step.end >= text.length ? undefined : matchFrom(text, step.end, true)),
    };
  };
  return (text: string) => matchFrom(text, 0, false);
}

/** An override of a matcher-taking built-in: same signature, the pattern argument isolated. */
function repaired(name: string, signature: string, patternIndex: number): MappingFunction {
  return {
    name,
    signature,
    usage: `$${name}`,
    description: `JSONata's $${name}; a regex held in a variable gives the same result on every use`,
    listed: false,
    implementation: function (this: unknown, ...args: unknown[]) {
      const isolated = args.map((arg, index) => (index === patternIndex ? isolateMatcher(arg) : arg));
      return callBuiltin(name, this, isolated);
    } as (...args: never[]) => unknown,
  };
}

/** Signatures as JSONata 2.2.2 declares them, so argument checks and context binding are unchanged. */
export const regexFunctions: MappingFunction[] = [
  repaired('replace', '<s-(sf)(sf)n?:s>', 1),
  repaired('match', '<s-f<s:o>n?:a<o>>', 1),
  repaired('split', '<s-(sf)n?:a<s>>', 1),
  repaired('contains', '<s-(sf):b>', 1),
];
