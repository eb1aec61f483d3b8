// MPS timestamps: `yyyy-MM-dd'T'HH:mm:ss.SS'Z'`, UTC with exactly two fractional digits
// (`2021-03-17T17:18:53.01Z`). The emulator writes that format, truncating the clock to centiseconds,
// and reads it back for the list's date filters. One sample shows three digits (`.512Z`), so
// `lenient` parsing (an option) also takes 0–3 digits; by default only the documented format counts,
// and anything else is an invalid filter value that the API silently disregards (reference §4.3).

const DOCUMENTED = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{2})Z$/;
const LENIENT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?Z$/;

/** Epoch ms → the documented format (centiseconds, truncated). */
export function formatTimestamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString(); // 2021-03-17T17:18:53.012Z
  return `${iso.slice(0, 22)}Z`;
}

/** The documented format (or, when lenient, 0–3 fractional digits) → epoch ms; undefined if invalid. */
export function parseTimestamp(text: string, lenient = false): number | undefined {
  const match = (lenient ? LENIENT : DOCUMENTED).exec(text);
  if (match === null) return undefined;
  const [, year, month, day, hour, minute, second, fraction = ''] = match.map((part) => part ?? '');
  const ms = Number(fraction.padEnd(3, '0'));
  const epoch = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    ms,
  );
  // Date.UTC rolls 2024-02-30 over to March; a real calendar date survives the round trip unchanged.
  const back = new Date(epoch);
  const valid =
    back.getUTCFullYear() === Number(year) &&
    back.getUTCMonth() === Number(month) - 1 &&
    back.getUTCDate() === Number(day) &&
    back.getUTCHours() === Number(hour) &&
    back.getUTCMinutes() === Number(minute) &&
    back.getUTCSeconds() === Number(second);
  return valid ? epoch : undefined;
}
