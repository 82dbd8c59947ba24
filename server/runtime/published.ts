/**
 * The published flows the runtime serves: each flow's latest version, compiled once, and the webhook
 * paths they listen on. A run holds the CompiledFlow it started with, so publishing a new version never
 * changes a run in progress.
 */
import { LedgerflowError } from '../../nodes/sdk/errors.js';
import type { Flow } from '../../nodes/sdk/flow.js';
import type { PublishedVersion, VersionStore } from '../storage/types.js';
import { compileFlow, type CompiledFlow, type CompiledNode } from './compile.js';

export interface WebhookRoute {
  compiled: CompiledFlow;
  trigger: CompiledNode;
  config: { path: string; method: 'POST' | 'PUT'; responseMode: 'respondNode' | 'accepted'; responseTimeoutMs: number };
}

export class PublishedFlows {
  private readonly latest = new Map<string, CompiledFlow>();
  private readonly hooks = new Map<string, WebhookRoute>();
  private readonly listeners = new Set<(flowId: string, compiled: CompiledFlow | undefined) => void>();

  constructor(private readonly versions: VersionStore) {}

  /** Compiles and serves every flow's latest published version; returns the ones that failed to compile. */
  async load(): Promise<Array<{ flowId: string; error: unknown }>> {
    const failures: Array<{ flowId: string; error: unknown }> = [];
    for (const published of await this.versions.allLatest()) {
      try {
        this.activate(compileFlow(published.flow, published.version));
      } catch (error) {
        failures.push({ flowId: published.flowId, error });
      }
    }
    return failures;
  }

  /**
   * Compiles `flow`, checks its webhook paths are free, freezes it as the next version and serves it.
   * @throws FlowValidationError when the flow does not compile; LedgerflowError `webhook-path-taken`.
   */
  async publish(flow: Flow, message?: string): Promise<PublishedVersion> {
    compileFlow(flow, 0); // refuse before a version number is taken
    for (const node of flow.nodes) {
      if (node.type !== 'trigger.webhook') continue;
      const path = String(node.config.path);
      const owner = this.hooks.get(path);
      if (owner && owner.compiled.flow.id !== flow.id) {
        throw new LedgerflowError('webhook-path-taken', `webhook path "${path}" is already served by flow "${owner.compiled.flow.id}"`);
      }
    }
    const published = await this.versions.publish(flow, message);
    this.activate(compileFlow(published.flow, published.version));
    return published;
  }

  private activate(compiled: CompiledFlow): void {
    const previous = this.latest.get(compiled.flow.id);
    if (previous) for (const [path, route] of this.hooks) if (route.compiled === previous) this.hooks.delete(path);
    this.latest.set(compiled.flow.id, compiled);
    for (const trigger of compiled.triggers) {
      if (trigger.node.type !== 'trigger.webhook') continue;
      const config = trigger.config as WebhookRoute['config'];
      this.hooks.set(config.path, { compiled, trigger, config });
    }
    for (const listener of this.listeners) listener(compiled.flow.id, compiled);
  }

  /**
   * Calls `listener` whenever a flow's served version changes: with the compiled version when one is
   * activated, with undefined when the flow is withdrawn (the scheduler follows schedule triggers this way).
   * @returns a function that removes the listener.
   */
  onChange(listener: (flowId: string, compiled: CompiledFlow | undefined) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every flow served, with its latest published version. */
  all(): CompiledFlow[] {
    return [...this.latest.values()];
  }

  /** Stops serving a flow (deleted). */
  withdraw(flowId: string): void {
    const compiled = this.latest.get(flowId);
    if (!compiled) return;
    for (const [path, route] of this.hooks) if (route.compiled === compiled) this.hooks.delete(path);
    this.latest.delete(flowId);
    for (const listener of this.listeners) listener(flowId, undefined);
  }

  webhook(path: string): WebhookRoute | undefined {
    return this.hooks.get(path);
  }

  get(flowId: string): CompiledFlow | undefined {
    return this.latest.get(flowId);
  }
}
