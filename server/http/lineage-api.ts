/**
 * The xref and lineage API under `/api` (docs/api.md, "xref and lineage"):
 * - `GET /api/xref?id=&system=&entity=&toSystem=&toEntity=`: the refs with this id and what each is linked to;
 * - `PUT /api/xref` `{ a, b, replace?, note? }`: links two ids by hand (a missing link found by lineage, or a
 *   run parked because `xref.lookup` found nothing); `DELETE /api/xref` `{ a, b }` removes a link;
 * - `GET /api/xref/links?system=&entity=&id=&toSystem=&toEntity=&limit=&offset=`: links, newest first;
 * - `GET /api/lineage?id=`: the chain opportunity → subscription → invoice → ERP document of any id, with
 *   the runs involved and the gaps (server/lineage/lineage.ts).
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { buildLineage } from '../lineage/lineage.js';
import { kindOf } from '../lineage/entities.js';
import type { Storage, XrefLink, XrefRef } from '../storage/types.js';
import { otherEnd } from '../storage/xref.js';
import { HttpProblem, parseRequest } from './problem.js';

const Name = z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'lower-case letter first, then letters, digits, "_" or "-"').max(60);
const Ref = z.object({ system: Name, entity: Name, id: z.string().trim().min(1).max(500) });
const LinkBody = z.object({ a: Ref, b: Ref, replace: z.boolean().optional(), note: z.string().max(500).optional() });
const UnlinkBody = z.object({ a: Ref, b: Ref });
const XrefQuery = z.object({
  id: z.string().trim().min(1, 'give the id to look up').max(500),
  system: Name.optional(),
  entity: Name.optional(),
  toSystem: Name.optional(),
  toEntity: Name.optional(),
});
const LinksQuery = z.object({
  id: z.string().trim().min(1).max(500).optional(),
  system: Name.optional(),
  entity: Name.optional(),
  toSystem: Name.optional(),
  toEntity: Name.optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
const LineageQuery = z.object({ id: z.string().trim().min(1, 'give an id from any system').max(500) });

const labelled = (ref: XrefRef) => ({ ...ref, label: kindOf(ref).label });

/** A link as seen from one of its ends. */
function seenFrom(link: XrefLink, ref: XrefRef) {
  return { ref: labelled(otherEnd(link, ref)), origin: link.origin, createdAt: link.createdAt, updatedAt: link.updatedAt };
}

export function lineageRouter(options: { storage: Storage; bodyLimit: string }): Router {
  const { storage } = options;
  const router = express.Router();
  router.use(['/xref', '/lineage'], express.json({ limit: options.bodyLimit }));

  router.get('/xref', async (req, res) => {
    const query = parseRequest(XrefQuery, req.query, 'xref query');
    const to = { ...(query.toSystem ? { system: query.toSystem } : {}), ...(query.toEntity ? { entity: query.toEntity } : {}) };
    const refs = await storage.xref.find(query.id, { ...(query.system ? { system: query.system } : {}), ...(query.entity ? { entity: query.entity } : {}) });
    const out = [];
    for (const ref of refs) out.push({ ...labelled(ref), links: (await storage.xref.linksOf(ref, to)).map((link) => seenFrom(link, ref)) });
    res.json({ id: query.id, refs: out });
  });

  router.put('/xref', async (req, res) => {
    const body = parseRequest(LinkBody, req.body, 'xref link');
    if (body.a.system === body.b.system && body.a.entity === body.b.entity && body.a.id === body.b.id) {
      throw new HttpProblem(400, 'invalid-request', 'a link needs two different ids');
    }
    const link = await storage.xref.link(body.a, body.b, {
      origin: { kind: 'manual', ...(body.note ? { note: body.note } : {}) },
      ...(body.replace ? { replace: true } : {}),
    });
    await storage.xref.flush();
    res.json(link);
  });

  router.delete('/xref', async (req, res) => {
    const body = parseRequest(UnlinkBody, req.body, 'xref unlink');
    if (!(await storage.xref.unlink(body.a, body.b))) throw new HttpProblem(404, 'not-found', 'No such link');
    await storage.xref.flush();
    res.status(204).end();
  });

  router.get('/xref/links', async (req, res) => {
    const query = parseRequest(LinksQuery, req.query, 'xref links query');
    res.json(await storage.xref.list(query));
  });

  router.get('/lineage', async (req, res) => {
    const { id } = parseRequest(LineageQuery, req.query, 'lineage query');
    res.json(await buildLineage(id, { xref: storage.xref, runsWithKey: (value) => storage.runs.listRuns({ businessKey: value, limit: 100 }) }));
  });

  return router;
}
