/**
 * Dates and times as Danish minutes print them ("Mandag d. 19. maj 2025 kl. 20:30",
 * "d. 19-05-2025"), and the UTC offset that applied in Copenhagen on that day: +01:00 in
 * winter, +02:00 in summer. The offset comes from the time-zone database (Intl), not from a
 * rule written here, so a change of the rules or a date near the switch is still right.
 */

const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

const pad = (n: number) => String(n).padStart(2, '0');

/** `YYYY-MM-DD` of a day that exists, or null. */
function isoDate(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The first date in `text`: "19. maj 2025", "19-05-2025" or "19.05.2025"; null when none. */
export function danishDate(text: string): string | null {
  const written = /(\d{1,2})\.?\s+(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\s+(\d{4})/i.exec(text);
  if (written) return isoDate(Number(written[3]), MONTHS.indexOf(written[2].toLowerCase()) + 1, Number(written[1]));
  const numeric = /\b(\d{1,2})[-.](\d{1,2})[-.](\d{4})\b/.exec(text);
  if (numeric) return isoDate(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  return null;
}

/** The time of day after "kl." ("kl. 14:00", "kl. 9.30"), as `HH:MM`; null when none. */
export function danishTime(text: string): string | null {
  const match = /\bkl\.?\s*(\d{1,2})[:.](\d{2})\b/i.exec(text);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) return null;
  return `${pad(hours)}:${pad(minutes)}`;
}

const COPENHAGEN = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', timeZoneName: 'longOffset' });

/** The offset in Copenhagen at a local date and time, e.g. "+01:00". */
export function copenhagenOffset(date: string, time: string): string {
  // The offset at the UTC instant one hour before the local time is the one in force at the
  // local time, except within the hour of a switch, where the local time is ambiguous anyway.
  const guess = new Date(`${date}T${time}:00Z`);
  const name = COPENHAGEN.formatToParts(new Date(guess.getTime() - 3600_000)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /GMT([+-]\d{2}):?(\d{2})?/.exec(name);
  return match ? `${match[1]}:${match[2] ?? '00'}` : '+00:00';
}

/** `YYYY-MM-DDTHH:MM:00+HH:MM` in Copenhagen time. */
export function copenhagenDateTime(date: string, time: string): string {
  return `${date}T${time}:00${copenhagenOffset(date, time)}`;
}
