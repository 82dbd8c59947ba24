/**
 * Seeds an empty xref from a file (`flows/xref.seed.json` beside the example flows): the links the example
 * flows need to run out of the box against the stand-ins, e.g. the fixture's Stripe customer
 * cus_FAKE00000000001 ↔ NetSuite customer 4321. Only an empty xref is seeded (first start), so links that
 * people removed later are not brought back.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import type { XrefStore } from '../storage/types.js';

const Name = z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/);
const Ref = z.object({ system: Name, entity: Name, id: z.string().min(1) });
export const XrefSeedSchema = z.object({
  description: z.string().optional(),
  links: z.array(z.object({ a: Ref, b: Ref, replace: z.boolean().optional() })),
});

/**
 * @returns the number of links seeded (0 when the file is missing or the xref already holds links).
 * @throws Error when the file is not valid JSON or not a seed file.
 */
export async function seedXref(file: string, xref: XrefStore): Promise<number> {
  if (!existsSync(file) || (await xref.count()) > 0) return 0;
  const seed = XrefSeedSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  for (const link of seed.links) await xref.link(link.a, link.b, { origin: { kind: 'seed', source: basename(file) }, ...(link.replace ? { replace: true } : {}) });
  await xref.flush();
  return seed.links.length;
}
