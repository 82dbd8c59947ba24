/**
 * Autocomplete for JSONata fields: after `$`, every function (Ledgerflow's and JSONata's, one line each)
 * and the variables the expression binds; elsewhere, the input's field paths from the chosen sample
 * (`payload.data.object.lines.data`), following a variable bound to a path (`$invoice.` when
 * `$invoice := payload.data.object`) and matching a partial path anywhere in the sample (`lines.data.`
 * offers the fields of `payload.data.object.lines.data`, as inside a list mapping).
 */
import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import type { FieldTree } from '../mapper/fieldTree.js';
import { splitPath } from '../mapper/mappingModel.js';
import { allFunctionDocs } from './jsonataFunctions.js';

const MAX_OPTIONS = 400;

let functionOptions: Completion[] | undefined;

function functions(): Completion[] {
  functionOptions ??= allFunctionDocs().map((doc) => ({
    label: doc.name,
    type: 'function',
    detail: doc.signature.slice(doc.name.length),
    info: doc.origin === 'ledgerflow' ? `${doc.description} (Ledgerflow)` : doc.description,
    boost: doc.origin === 'ledgerflow' ? 2 : 0,
    apply: `${doc.name}(`,
  }));
  return functionOptions;
}

/** `name` → path text for `$name := some.plain.path` bindings in the expression. */
export function pathBindings(text: string): Map<string, string> {
  const bindings = new Map<string, string>();
  const pattern = /\$(\w+)\s*:=\s*(\$\$?\w*(?:\.\w+)*|[A-Za-z_]\w*(?:\.\w+)*)\s*[;)]/g;
  for (const match of text.matchAll(pattern)) bindings.set(match[1]!, match[2]!);
  return bindings;
}

/** `$invoice.lines` → `payload.data.object.lines` by the bindings; `$$.x` → `x`. */
function expandVariables(path: string, bindings: Map<string, string>): string {
  let current = path;
  for (let hops = 0; hops < 8; hops++) {
    const match = /^\$(\$|\w+)(.*)$/.exec(current);
    if (!match) return current;
    if (match[1] === '$') return match[2]!.replace(/^\./, '');
    const bound = bindings.get(match[1]!);
    if (bound === undefined) return current;
    current = bound + match[2]!;
  }
  return current;
}

function fieldOption(tree: FieldTree, path: string): Completion {
  const node = tree.nodes.get(path)!;
  const detail = node.kind === 'array' ? `list${node.example ? ` · ${node.example}` : ''}` : node.kind === 'object' ? 'object' : node.example ?? node.type;
  return { label: node.name, type: node.kind === 'value' ? 'property' : 'namespace', detail, info: path };
}

/** Field options for the text before the cursor (`payload.data.ob`, `$invoice.`, `amo`). */
function fieldOptions(tree: FieldTree, typed: string, bindings: Map<string, string>): Completion[] {
  const dot = typed.lastIndexOf('.');
  if (dot < 0) {
    const seen = new Map<string, Completion>();
    for (const path of tree.roots) seen.set(tree.nodes.get(path)!.name, { ...fieldOption(tree, path), boost: 1 });
    for (const [path, node] of tree.nodes) {
      if (seen.size >= MAX_OPTIONS) break;
      if (!seen.has(node.name)) seen.set(node.name, fieldOption(tree, path));
    }
    return [...seen.values()];
  }
  const parent = expandVariables(typed.slice(0, dot), bindings);
  const parentSegments = splitPath(parent).join('.');
  const options = new Map<string, Completion>();
  if (!parent) for (const path of tree.roots) options.set(tree.nodes.get(path)!.name, fieldOption(tree, path));
  for (const [path, node] of tree.nodes) {
    if (!node.children.length) continue;
    const plain = splitPath(path).join('.');
    if (plain !== parentSegments && !plain.endsWith(`.${parentSegments}`)) continue;
    for (const child of node.children) {
      const option = fieldOption(tree, child);
      if (!options.has(option.label)) options.set(option.label, option);
    }
    if (options.size >= MAX_OPTIONS) break;
  }
  return [...options.values()];
}

/**
 * A CodeMirror completion source. `fields` gives the current sample's field tree (undefined: no sample
 * chosen, so only functions are offered).
 */
export function jsonataCompletionSource(fields: () => FieldTree | undefined) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[$\w.]*$/);
    if (!word || (word.from === word.to && !context.explicit)) return null;
    const text = context.state.doc.toString();
    const typed = word.text;
    if (typed.startsWith('$') && !typed.includes('.')) {
      const variables = [...new Set([...text.matchAll(/\$(\w+)\s*:=/g)].map((m) => m[1]!))].map(
        (name): Completion => ({ label: `$${name}`, type: 'variable', detail: 'variable', boost: 3 }),
      );
      return { from: word.from, options: [...variables, ...functions()], validFor: /^\$\w*$/ };
    }
    const tree = fields();
    if (!tree) return null;
    const dot = typed.lastIndexOf('.');
    return { from: word.from + dot + 1, options: fieldOptions(tree, typed, pathBindings(text)), validFor: /^\w*$/ };
  };
}
