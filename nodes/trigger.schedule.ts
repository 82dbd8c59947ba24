/**
 * `trigger.schedule`: starts a run of the published flow on a cron pattern or every N seconds (the server's
 * scheduler runs the triggers of every published flow; `POST /api/schedules/<flow>/<node>/run` starts one
 * now). Times are read in `timezone` (IANA, default UTC), daylight-saving changes included (croner). Ticks
 * missed while the server was down are not caught up; a tick that comes while the previous run of the same
 * trigger is still going is skipped. The run's payload: `{ firedAt, scheduledFor, schedule, manual }`.
 */
import { Cron } from 'croner';
import { z } from 'zod';
import { defineNode } from './sdk/define.js';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function cronProblem(pattern: string, timezone: string): string | undefined {
  try {
    new Cron(pattern, { paused: true, timezone });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

const ScheduleConfig = z
  .object({
    cron: z.string().max(200).optional().meta({
      title: 'Cron pattern',
      description: 'minute hour day month weekday (an optional seconds field first), e.g. "0 6 * * *": every day at 06:00',
    }),
    everySeconds: z.number().int().min(10).max(31_536_000).optional().meta({ title: 'Every (s)', description: 'Instead of a cron pattern: a run every N seconds' }),
    timezone: z.string().max(100).default('UTC').refine(isTimeZone, 'not an IANA time zone, e.g. UTC or Europe/Paris').meta({ title: 'Time zone' }),
  })
  .superRefine((config, ctx) => {
    if ((config.cron === undefined) === (config.everySeconds === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['cron'], message: 'give either a cron pattern or "every (s)", not both and not neither' });
      return;
    }
    const problem = config.cron !== undefined ? cronProblem(config.cron, config.timezone) : undefined;
    if (problem) ctx.addIssue({ code: 'custom', path: ['cron'], message: `not a cron pattern: ${problem}` });
  });

export type ScheduleTriggerConfig = z.output<typeof ScheduleConfig>;

/** How a schedule reads for people: `cron "0 6 * * *" (UTC)` or `every 3600 s`. */
export function describeSchedule(config: ScheduleTriggerConfig): string {
  return config.cron !== undefined ? `cron "${config.cron}" (${config.timezone})` : `every ${config.everySeconds} s`;
}

/**
 * A paused croner job for the schedule (croner handles time zones, DST and long delays); the scheduler
 * resumes it with its callback. Every N seconds is croner's `interval` on a per-second pattern.
 */
export function cronJob(config: ScheduleTriggerConfig, onTick?: () => void): Cron {
  const options = { timezone: config.timezone, protect: true, paused: onTick === undefined };
  if (config.cron !== undefined) return onTick ? new Cron(config.cron, options, onTick) : new Cron(config.cron, options);
  const every = { ...options, interval: config.everySeconds! };
  return onTick ? new Cron('* * * * * *', every, onTick) : new Cron('* * * * * *', every);
}

export const scheduleTrigger = defineNode({
  type: 'trigger.schedule',
  version: 1,
  title: 'Schedule',
  category: 'trigger',
  icon: 'clock',
  description: 'Starts a run on a cron pattern or every N seconds once the flow is published.',
  config: ScheduleConfig,
  inputs: [],
  outputs: ['out'],
  execute: (_ctx, message) => ({ out: message }),
});
