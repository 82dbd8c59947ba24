/** Display formats for operations pages: ages and countdowns. */

/** `45 s`, `12 min`, `3 h`, `2 d`: the largest whole unit. */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`.replace(/ 0 min$/, '');
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`.replace(/ 0 h$/, '');
}

/** How urgent a parked letter of this age is: under an hour, under a day, older. */
export function ageLevel(ms: number): 'fresh' | 'aging' | 'old' {
  return ms < 3_600_000 ? 'fresh' : ms < 86_400_000 ? 'aging' : 'old';
}

/** `in 12 s`, `12 s ago` relative to `now`. */
export function formatRelative(iso: string, now: number): string {
  const delta = Date.parse(iso) - now;
  return delta >= 0 ? `in ${formatAge(delta)}` : `${formatAge(-delta)} ago`;
}

/** The value for an `<input type="datetime-local">` showing `date` in local time. */
export function toLocalInput(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}
