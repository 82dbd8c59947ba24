/**
 * Access to JSONata's own built-in functions, for the Ledgerflow functions that repair one (`$fromMillis`,
 * `$now`, `$replace`…) and delegate the rest of the work to the original. JSONata does not export its
 * function library; evaluating `$name` yields the built-in's definition `{ implementation, signature }`.
 */
import jsonata from 'jsonata';

interface BuiltinDefinition {
  implementation: (...args: unknown[]) => unknown;
}

const cache = new Map<string, Promise<BuiltinDefinition>>();

async function lookup(name: string): Promise<BuiltinDefinition> {
  const definition = (await jsonata(`$${name}`).evaluate({})) as Partial<BuiltinDefinition> | undefined;
  if (typeof definition?.implementation !== 'function') throw new Error(`JSONata has no built-in function $${name}`);
  return definition as BuiltinDefinition;
}

/**
 * Calls JSONata's built-in `$name` with the same `this` (JSONata's evaluation focus: environment, input)
 * the override received, so it behaves exactly as if it had been called directly.
 */
export async function callBuiltin(name: string, focus: unknown, args: unknown[]): Promise<unknown> {
  let definition = cache.get(name);
  if (!definition) {
    definition = lookup(name);
    cache.set(name, definition);
  }
  return (await definition).implementation.apply(focus, args);
}
