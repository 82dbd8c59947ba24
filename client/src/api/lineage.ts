/** Lineage and the xref (docs/api.md, "xref and lineage"). */
import type { Lineage } from '../../../server/lineage/lineage.js';
import type { XrefLink, XrefRef } from '../../../server/storage/types.js';
import { requestJson } from './http.js';

export type { Lineage, LineageGap, LineageNode, LineageRef, LineageRun } from '../../../server/lineage/lineage.js';

/** The chain of any id, with its runs and gaps. */
export const getLineage = (id: string) => requestJson<Lineage>('GET', `/api/lineage?id=${encodeURIComponent(id)}`);

/** Links two ids by hand (a missing link that lineage or a parked run showed). */
export const linkIds = (a: XrefRef, b: XrefRef, note?: string) => requestJson<XrefLink>('PUT', '/api/xref', { a, b, ...(note ? { note } : {}) });
