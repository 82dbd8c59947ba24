/**
 * `npm run chaos [-- --short]`: the fault-injection run (see chaos.ts). Full: 1,000 distinct events, each
 * delivered 3 times, 30 % of ERP posts answered 429, a 60 s ERP outage and two SIGKILLs. `--short` is the
 * CI size. Prints a table and one JSON line per figure (`{"workload":"chaos","figure":…}`); exits 1 unless
 * every event reached the ERP exactly once.
 */
import { figureLine, table } from '../bench/lib.js';
import { runChaos, type ChaosResult } from './chaos.js';

const short = process.argv.includes('--short');
const log = (message: string) => console.error(`[chaos ${new Date().toISOString().slice(11, 19)}] ${message}`);
const result = await runChaos({
  events: short ? 100 : 1000,
  copies: 3,
  rate429: 0.3,
  outageMs: short ? 3000 : 60_000,
  kills: short ? 1 : 2,
  commitThenTimeoutRate: 0.02,
  slowRate: 0.1,
  seed: Number(process.env.CHAOS_SEED ?? 20251116),
  concurrency: 24,
  timeLimitMs: short ? 180_000 : 900_000,
  log,
});
const rows: Array<[keyof ChaosResult, string]> = [
  ['events_sent', 'distinct events sent'],
  ['deliveries', 'deliveries (3 per event, shuffled)'],
  ['runs', 'runs recorded'],
  ['duplicate_runs', 'runs recorded as duplicates'],
  ['erp_postings', 'ERP postings (distinct invoices)'],
  ['duplicate_postings', 'duplicate ERP postings'],
  ['lost_events', 'lost events'],
  ['dead_letters', 'dead letters'],
  ['kills', 'SIGKILLs'],
  ['outage_started', 'ERP outage injected'],
  ['erp_requests', 'ERP invoice POSTs'],
  ['erp_429', 'answered 429'],
  ['erp_503', 'answered 503 (outage)'],
  ['erp_late', 'committed, answered late'],
  ['seconds', 'seconds'],
];
console.log(table([['figure', 'value'], ...rows.map(([key, label]) => [label, String(result[key])])]).join('\n'));
console.log('');
for (const key of ['events_sent', 'runs', 'erp_postings', 'duplicate_postings', 'lost_events', 'dead_letters'] as const) {
  console.log(figureLine({ workload: 'chaos', figure: key, value: result[key] }));
}
const ok = result.erp_postings === result.events_sent && result.duplicate_postings === 0 && result.lost_events === 0;
if (!ok) console.error('chaos: every event must reach the ERP exactly once');
process.exitCode = ok ? 0 : 1;
