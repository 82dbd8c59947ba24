/** Public surface of the node SDK and the built-in node types (isomorphic: no node:* imports). */
export * from './sdk/errors.js';
export * from './sdk/message.js';
export * from './sdk/context.js';
export * from './sdk/reconciliation.js';
export * from './sdk/define.js';
export * from './sdk/expression.js';
export * from './sdk/retry.js';
export * from './sdk/flow.js';
export * from './registry.js';
