/**
 * The xref store, embedded: one RecordLog (`<data>/xref.ndjson`) of links keyed by their pair of refs, plus
 * in-memory indexes rebuilt at open (ref → links, id → refs), so a lookup costs the links of one id, not a
 * scan. Links are undirected: the pair is stored in a canonical order, so A ↔ B and B ↔ A are one link.
 * Decisions are made synchronously on the maps (the event loop is the lock) and are durable once the group
 * commit lands, as for the guard store.
 */
import type { RecordLog } from './record-log.js';
import type { XrefFilter, XrefLink, XrefOrigin, XrefRef, XrefStore } from './types.js';

const SEP = '\u0000';

/** The index key of a ref: system, entity and id (ids may hold any character, so NUL separates). */
export const refKey = (ref: XrefRef) => `${ref.system}${SEP}${ref.entity}${SEP}${ref.id}`;

function pairKey(a: XrefRef, b: XrefRef): { key: string; swapped: boolean } {
  const ka = refKey(a);
  const kb = refKey(b);
  return ka <= kb ? { key: `${ka}\u0001${kb}`, swapped: false } : { key: `${kb}\u0001${ka}`, swapped: true };
}

const sameRef = (x: XrefRef, y: XrefRef) => x.system === y.system && x.entity === y.entity && x.id === y.id;

/** The other end of `link` seen from `ref`. */
export function otherEnd(link: XrefLink, ref: XrefRef): XrefRef {
  return sameRef(link.a, ref) ? link.b : link.a;
}

const newestFirst = (x: XrefLink, y: XrefLink) => (x.updatedAt < y.updatedAt ? 1 : x.updatedAt > y.updatedAt ? -1 : 0);

export function createXrefStore(log: RecordLog<XrefLink>, now: () => number = Date.now): XrefStore {
  /** ref key → pair keys of its links. */
  const byRef = new Map<string, Set<string>>();
  /** id → ref keys with that id. */
  const byId = new Map<string, Set<string>>();
  const refs = new Map<string, XrefRef>();

  const indexRef = (ref: XrefRef, pair: string) => {
    const key = refKey(ref);
    refs.set(key, { system: ref.system, entity: ref.entity, id: ref.id });
    let pairs = byRef.get(key);
    if (!pairs) byRef.set(key, (pairs = new Set()));
    pairs.add(pair);
    let keys = byId.get(ref.id);
    if (!keys) byId.set(ref.id, (keys = new Set()));
    keys.add(key);
  };
  const unindexRef = (ref: XrefRef, pair: string) => {
    const key = refKey(ref);
    const pairs = byRef.get(key);
    pairs?.delete(pair);
    if (pairs && pairs.size === 0) {
      byRef.delete(key);
      refs.delete(key);
      const keys = byId.get(ref.id);
      keys?.delete(key);
      if (keys && keys.size === 0) byId.delete(ref.id);
    }
  };
  for (const [pair, link] of log.entries()) {
    indexRef(link.a, pair);
    indexRef(link.b, pair);
  }

  const linksAt = (ref: XrefRef): XrefLink[] => [...(byRef.get(refKey(ref)) ?? [])].map((pair) => log.get(pair)!).filter(Boolean);
  const remove = (pair: string) => {
    const link = log.get(pair);
    if (!link) return false;
    log.delete(pair);
    unindexRef(link.a, pair);
    unindexRef(link.b, pair);
    return true;
  };
  const matchesEnd = (ref: XrefRef, where: { system?: string; entity?: string; id?: string }) =>
    (!where.system || ref.system === where.system) && (!where.entity || ref.entity === where.entity) && (!where.id || ref.id === where.id);

  return {
    async link(a, b, options: { origin: XrefOrigin; replace?: boolean }) {
      if (sameRef(a, b)) throw new RangeError('an xref link needs two different ids');
      const at = new Date(now()).toISOString();
      if (options.replace) {
        for (const link of linksAt(a)) {
          const other = otherEnd(link, a);
          if (other.system === b.system && other.entity === b.entity && other.id !== b.id) remove(pairKey(a, other).key);
        }
      }
      const { key, swapped } = pairKey(a, b);
      const existing = log.get(key);
      const link: XrefLink = {
        a: swapped ? { ...b } : { ...a },
        b: swapped ? { ...a } : { ...b },
        origin: options.origin,
        createdAt: existing?.createdAt ?? at,
        updatedAt: at,
      };
      log.set(key, link);
      indexRef(link.a, key);
      indexRef(link.b, key);
      return link;
    },
    async unlink(a, b) {
      return remove(pairKey(a, b).key);
    },
    async linksOf(ref, to) {
      return linksAt(ref)
        .filter((link) => !to || matchesEnd(otherEnd(link, ref), to))
        .sort(newestFirst);
    },
    async find(id, where = {}) {
      return [...(byId.get(id) ?? [])].map((key) => refs.get(key)!).filter((ref) => matchesEnd(ref, where));
    },
    async list(filter: XrefFilter) {
      const limit = Math.min(Math.max(filter.limit ?? 100, 1), 1000);
      const offset = Math.max(filter.offset ?? 0, 0);
      const from = { system: filter.system, entity: filter.entity, id: filter.id };
      const to = { system: filter.toSystem, entity: filter.toEntity };
      // With an id, only that id's links are candidates; otherwise every link.
      const candidates = filter.id
        ? [...new Set([...(byId.get(filter.id) ?? [])].flatMap((key) => [...(byRef.get(key) ?? [])]))].map((pair) => log.get(pair)!)
        : [...log.values()];
      const matching = candidates.filter(
        (link) => (matchesEnd(link.a, from) && matchesEnd(link.b, to)) || (matchesEnd(link.b, from) && matchesEnd(link.a, to)),
      );
      matching.sort(newestFirst);
      return { links: matching.slice(offset, offset + limit), total: matching.length };
    },
    async count() {
      return log.size;
    },
    flush: () => log.flush(),
  };
}
