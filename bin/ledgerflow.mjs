#!/usr/bin/env node
// The ledgerflow command line (see server/cli.ts): `ledgerflow validate <files>`, `ledgerflow run <flow> --input <json>`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
process.exitCode = await main(process.argv.slice(2));
