/**
 * The registry: the one list of node types. The flow schema, the palette (`GET /api/node-types`), the
 * inspector forms and the runtime all read from here. Add a node type by adding its module below.
 */
import { z } from 'zod';
import { outputPorts, type NodeDefinition } from './sdk/define.js';
import type { NodeTypeLookup } from './sdk/flow.js';
import { webhookTrigger } from './trigger.webhook.js';
import { manualTrigger } from './trigger.manual.js';
import { jsonataTransform } from './transform.jsonata.js';
import { schemaValidator } from './validate.schema.js';
import { switchRouter } from './route.switch.js';
import { httpRequest } from './http.request.js';
import { respond } from './respond.js';
import { idempotentConsumer } from './guard.idempotentConsumer.js';
import { staleEventGuard } from './guard.staleEvent.js';
import { xrefLookup } from './xref.lookup.js';
import { xrefSave } from './xref.save.js';
import { reconcileCompare } from './reconcile.compare.js';
import { reconcileReport } from './reconcile.report.js';
import { scheduleTrigger } from './trigger.schedule.js';
import { salesforceCdc } from './salesforce.cdc.js';
import { salesforceQuery } from './salesforce.query.js';
import { salesforceRecord } from './salesforce.record.js';
import { stripeEvent } from './stripe.event.js';
import { stripeRequest } from './stripe.request.js';
import { netsuiteRecord } from './netsuite.record.js';

export const nodeTypes = {
  [webhookTrigger.type]: webhookTrigger,
  [manualTrigger.type]: manualTrigger,
  [scheduleTrigger.type]: scheduleTrigger,
  [jsonataTransform.type]: jsonataTransform,
  [schemaValidator.type]: schemaValidator,
  [idempotentConsumer.type]: idempotentConsumer,
  [staleEventGuard.type]: staleEventGuard,
  [xrefLookup.type]: xrefLookup,
  [xrefSave.type]: xrefSave,
  [reconcileCompare.type]: reconcileCompare,
  [reconcileReport.type]: reconcileReport,
  [switchRouter.type]: switchRouter,
  [httpRequest.type]: httpRequest,
  // System presets on top of http.request's rules (nodes/presets/)
  [salesforceCdc.type]: salesforceCdc,
  [salesforceQuery.type]: salesforceQuery,
  [salesforceRecord.type]: salesforceRecord,
  [stripeEvent.type]: stripeEvent,
  [stripeRequest.type]: stripeRequest,
  [netsuiteRecord.type]: netsuiteRecord,
  [respond.type]: respond,
} as Record<string, NodeDefinition> satisfies Record<string, NodeDefinition>;

export const registry: NodeTypeLookup = {
  get: (type) => (Object.hasOwn(nodeTypes, type) ? nodeTypes[type] : undefined),
  types: () => Object.keys(nodeTypes),
};

/** What the designer needs to know about a node type (served by `GET /api/node-types`). */
export interface NodeTypeInfo {
  type: string;
  version: number;
  title: string;
  category: string;
  description: string;
  icon: string;
  inputs: string[];
  /** Ports for the default config; `dynamicOutputs` says they depend on the config. */
  outputs: string[];
  dynamicOutputs: boolean;
  sideEffect: boolean;
  /** JSON Schema (draft 2020-12) of the config, for the inspector form. */
  configSchema: unknown;
}

export function describeNodeType(definition: NodeDefinition): NodeTypeInfo {
  const parsed = definition.config.safeParse({});
  return {
    type: definition.type,
    version: definition.version,
    title: definition.title,
    category: definition.category,
    description: definition.description,
    icon: definition.icon,
    inputs: [...definition.inputs],
    outputs: outputPorts(definition, parsed.success ? parsed.data : {}),
    dynamicOutputs: typeof definition.outputs === 'function',
    sideEffect: definition.sideEffect ?? false,
    configSchema: z.toJSONSchema(definition.config, { io: 'input', unrepresentable: 'any' }),
  };
}

export function describeNodeTypes(): NodeTypeInfo[] {
  return Object.values(nodeTypes).map(describeNodeType);
}
