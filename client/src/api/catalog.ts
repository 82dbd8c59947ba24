/** What the server offers the designer: node types, sample inputs, health (docs/api.md). */
import type { NodeTypeInfo } from '../../../nodes/registry.js';
import type { Json } from '../../../nodes/sdk/message.js';
import { requestJson } from './http.js';

export interface SampleInfo {
  name: string;
  system: string;
  description: string;
}

export interface Health {
  ok: boolean;
  version: string;
  /** True when the built-in `/sandbox/...` stand-ins are served. */
  sandbox: boolean;
}

export const listNodeTypes = () => requestJson<NodeTypeInfo[]>('GET', '/api/node-types');

export const listSamples = () => requestJson<SampleInfo[]>('GET', '/api/samples');

export const getSample = (name: string) =>
  requestJson<Json>('GET', `/api/samples/${name.split('/').map(encodeURIComponent).join('/')}`);

export const getHealth = () => requestJson<Health>('GET', '/api/health');
