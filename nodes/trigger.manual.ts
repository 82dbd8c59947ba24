/** `trigger.manual`: starts a run from the designer, the CLI or the API with a given input. */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';

export const manualTrigger = defineNode({
  type: 'trigger.manual',
  version: 1,
  title: 'Manual start',
  category: 'trigger',
  icon: 'play',
  description: 'Starts a run on an input chosen in the designer, the CLI or the API.',
  config: z.object({
    sample: z.string().max(200).optional().meta({ title: 'Sample input', description: 'Fixture offered first in the run panel' }),
  }),
  inputs: [],
  outputs: ['out'],
  execute: (_ctx, message) => ({ out: message }),
});
