/**
 * `xref.save`: links ids across systems in the xref (e.g. Salesforce opportunity ↔ billing subscription,
 * Salesforce account ↔ billing customer), each id from JSONata on the message. Saving a link twice only
 * refreshes it. The message passes on unchanged.
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { expressionField } from './sdk/fields.js';
import { entityField, idOf, systemField } from './xref/refs.js';

const LinkSchema = z.object({
  fromSystem: systemField('From system'),
  fromEntity: entityField('From entity'),
  from: expressionField('From id', 'JSONata, e.g. meta.businessKeys.opportunityId'),
  toSystem: systemField('To system'),
  toEntity: entityField('To entity'),
  to: expressionField('To id', 'JSONata, e.g. payload.body.id'),
  replace: z.boolean().default(false).meta({
    title: 'One-to-one',
    description: "Drop the from id's other links to this system and entity first (re-points the link)",
  }),
  optional: z.boolean().default(false).meta({ title: 'Optional', description: 'Skip this link when an id is missing instead of failing the step' }),
});

export const xrefSave = defineNode({
  type: 'xref.save',
  version: 1,
  title: 'Save ids (xref)',
  category: 'connector',
  icon: 'link',
  description: 'Links ids across systems in the xref (e.g. opportunity ↔ subscription), for lookups and lineage.',
  config: z.object({
    links: z.array(LinkSchema).min(1, 'add at least one link').max(20).meta({ title: 'Links' }),
  }),
  inputs: ['in'],
  outputs: ['out'],
  compile: (config, tools) =>
    config.links.map((link, i) => ({ from: tools.expression(link.from, ['links', i, 'from']), to: tools.expression(link.to, ['links', i, 'to']) })),
  async execute(ctx, message) {
    for (const [i, link] of ctx.config.links.entries()) {
      const expressions = ctx.compiled[i]!;
      const from = idOf(await expressions.from.evaluate(message));
      const to = idOf(await expressions.to.evaluate(message));
      if (from === undefined || to === undefined) {
        if (link.optional) continue;
        const which = from === undefined ? `from id "${link.from}"` : `to id "${link.to}"`;
        throw new NodeError('xref-no-id', `Link ${i + 1} (${link.fromSystem} ${link.fromEntity} ↔ ${link.toSystem} ${link.toEntity}): the ${which} gave no string or number`, { retryable: false });
      }
      await ctx.xref.save(
        { system: link.fromSystem, entity: link.fromEntity, id: from },
        { system: link.toSystem, entity: link.toEntity, id: to },
        { replace: link.replace },
      );
    }
    return { out: message };
  },
});
