/** Local calendar day of a time, as a comparable key ("2026-01-31"). */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

/** "Today", "Yesterday" or a date for a day separator. */
export function dayLabel(ms: number, now: number, locale: string, words: { today: string; yesterday: string }): string {
  if (dayKey(ms) === dayKey(now)) return words.today;
  if (dayKey(ms) === dayKey(now - 86_400_000)) return words.yesterday;
  return new Date(ms).toLocaleDateString(locale, { weekday: 'long', month: 'long', day: 'numeric', year: new Date(ms).getFullYear() === new Date(now).getFullYear() ? undefined : 'numeric' });
}

/** Time of day for a message ("14:05"). */
export function timeLabel(ms: number, locale: string): string {
  return new Date(ms).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
}
