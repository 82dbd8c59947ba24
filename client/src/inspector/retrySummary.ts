/**
 * A retry policy in one line, for the inspector's retry group: how many attempts, the waits between them,
 * and when a `Retry-After` answer is honoured, e.g. `3 attempts, 0.5 s → 1 s, honours Retry-After on 429/503`.
 * Mirrors nodes/sdk/retry.ts (`retryDelayMs`): the delays shown are the ones before jitter, which only
 * shortens them (by up to `jitter` of each).
 */

export interface RetryPolicyLike {
  maxAttempts?: number;
  initialDelayMs?: number;
  multiplier?: number;
  maxDelayMs?: number;
  jitter?: number;
  retryableStatuses?: readonly number[];
}

/** The defaults of RetryPolicySchema, for fields the form has not filled in yet. */
export const RETRY_DEFAULTS: Required<RetryPolicyLike> = {
  maxAttempts: 3,
  initialDelayMs: 500,
  multiplier: 2,
  maxDelayMs: 30_000,
  jitter: 0.2,
  retryableStatuses: [408, 425, 429, 500, 502, 503, 504],
};

/** `0.5 s`, `2 s`, `1.5 min`, `2 h`, `250 ms`. */
export function formatDelay(ms: number): string {
  if (ms < 500) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${trim(ms / 1000)} s`;
  if (ms < 3_600_000) return `${trim(ms / 60_000)} min`;
  return `${trim(ms / 3_600_000)} h`;
}

const trim = (n: number) => String(Math.round(n * 10) / 10);

/** The waits before attempts 2…maxAttempts (before jitter), capped at maxDelayMs. */
export function retryDelays(policy: RetryPolicyLike): number[] {
  const p = { ...RETRY_DEFAULTS, ...policy };
  const delays: number[] = [];
  for (let attempt = 2; attempt <= p.maxAttempts; attempt++) delays.push(Math.min(p.maxDelayMs, p.initialDelayMs * p.multiplier ** (attempt - 2)));
  return delays;
}

/** The one-line summary; long series are shortened to the first three waits and the last. */
export function retrySummary(policy: RetryPolicyLike | undefined): string {
  const p = { ...RETRY_DEFAULTS, ...(policy ?? {}) };
  const statuses = Array.isArray(p.retryableStatuses) ? p.retryableStatuses : [];
  if (!Number.isFinite(p.maxAttempts) || p.maxAttempts <= 1) return 'No retries: 1 attempt, failures go to the error port or the dead-letter queue';
  const delays = retryDelays(p).map(formatDelay);
  const shown = delays.length > 4 ? [...delays.slice(0, 3), '…', delays[delays.length - 1]!] : delays;
  const parts = [`${p.maxAttempts} attempts`, shown.join(' → ')];
  const retryAfter = [429, 503].filter((status) => statuses.includes(status));
  if (retryAfter.length) parts.push(`honours Retry-After on ${retryAfter.join('/')}`);
  if (!statuses.length) parts.push('no status is retried');
  return parts.join(', ');
}

/** The longer explanation shown as the summary's tooltip. */
export function retryExplanation(policy: RetryPolicyLike | undefined): string {
  const p = { ...RETRY_DEFAULTS, ...(policy ?? {}) };
  const total = retryDelays(p).reduce((sum, d) => sum + d, 0);
  return [
    `Up to ${p.maxAttempts} attempts in all; each wait is the previous one × ${p.multiplier}, at most ${formatDelay(p.maxDelayMs)}.`,
    p.jitter > 0 ? `Jitter makes each wait up to ${Math.round(p.jitter * 100)} % shorter, at random, so retries do not arrive in bursts.` : 'No jitter: waits are exact.',
    `Worst case before giving up: about ${formatDelay(total)} of waiting (longer when the server asks for it with Retry-After).`,
    `Retried statuses: ${(p.retryableStatuses ?? []).join(', ') || 'none'}; network errors and time-outs are always retried, other statuses (400, 422…) fail at once.`,
  ].join('\n');
}

interface PolicySchema {
  properties?: Record<string, { description?: string; default?: unknown }>;
}

/** A retry policy's JSON Schema (RetryPolicySchema), recognised by its properties. */
export function isRetryPolicySchema(schema: PolicySchema): boolean {
  const names = Object.keys(schema.properties ?? {});
  return ['maxAttempts', 'initialDelayMs', 'multiplier', 'retryableStatuses'].every((name) => names.includes(name));
}

/** Extra help per field of the retry group, after the schema's own description. */
const RETRY_HELP: Record<string, string> = {
  maxAttempts: '1 means no retry.',
  initialDelayMs: '500 = half a second.',
  multiplier: '2 doubles each wait; 1 keeps it constant.',
  maxDelayMs: 'A Retry-After answer may ask for longer.',
  jitter: '0.2: each wait is up to 20 % shorter, at random.',
  retryableStatuses: 'Comma-separated. Network errors and time-outs are always retried; other statuses fail at once.',
};

function formatDefault(name: string, value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  return typeof value === 'number' && name.endsWith('Ms') && value >= 1000 ? `${value} (${formatDelay(value)})` : String(value);
}

/**
 * The uiSchema of a retry policy group: a title, the summary flag read by ObjectTemplate, and help text
 * per field with its default.
 */
export function retryPolicyUi(schema: PolicySchema): Record<string, unknown> {
  const ui: Record<string, unknown> = {
    'ui:title': 'Retry policy',
    'ui:description': 'How often and how patiently a failed call is tried again. When the last attempt fails, the run takes the error port, or parks in the dead-letter queue.',
    'ui:retrySummary': true,
  };
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const text = [property.description, RETRY_HELP[name], property.default !== undefined ? `Default ${formatDefault(name, property.default)}.` : undefined]
      .filter(Boolean)
      .map((part) => part!.trim().replace(/([^.])$/, '$1.'))
      .join(' ');
    if (text) ui[name] = { 'ui:description': text };
  }
  return ui;
}
