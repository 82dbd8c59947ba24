/**
 * The ELK instance of the designer, created on first use: elkjs's API in the page, the layout itself in a
 * web worker (elk-worker.min.js, ~1.5 MB, fetched only when someone asks for a layout), so laying out a
 * 500-node flow never blocks the canvas.
 */
import type { ELK } from 'elkjs/lib/elk-api.js';

let instance: Promise<ELK> | undefined;

type ElkConstructor = new (args: { workerUrl: string }) => ELK;

export function designerElk(): Promise<ELK> {
  instance ??= Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(([api, worker]) => {
    // elk-api.js is UMD: depending on the interop the class is the default export or its `default`.
    const exported = api as unknown as { default: ElkConstructor | { default: ElkConstructor } };
    const Elk = typeof exported.default === 'function' ? exported.default : exported.default.default;
    return new Elk({ workerUrl: worker.default });
  });
  return instance;
}
