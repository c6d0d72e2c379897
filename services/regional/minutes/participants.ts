/**
 * The participants of a meeting in the two layouts the clusters' systems print:
 *
 * - grouped: a heading per group ("Direktørforum:", "Udvalgsformænd med observatørstatus"),
 *   then one person a line, "Name, Role i Organisation (medformand)", "Name, role, Organisation",
 *   "Name, Organisation"; the chair marked " - mødeleder" or named on an "Ordstyrer: Name" line;
 * - inline: one line "Mødedeltagere Name, V, Name, V (Fravær), Name, Billund Kommune, …", each
 *   name followed by a party letter or an organisation, "(Fravær)" marking an absence.
 *
 * Role and organisation are split by the printed structure (a comma, " i ", an organisation's
 * shape at the end); what has no organisation's shape stays the role, as printed.
 */
import type { Line } from './plain-text';

export interface Participant {
  name: string;
  role: string | null;
  organisation: string | null;
  party: string | null;
  /** The heading the person is listed under; null where the layout has none. */
  group: string | null;
  isChair: boolean;
  /** Marked absent in the list itself ("(Fravær)"). */
  absent: boolean;
  line: number;
}

/** Party letters as Danish lists print them: one or two capitals (V, A, SF, Ø, DF, RV). */
const PARTY = /^[A-ZÆØÅ]{1,2}$/u;

/**
 * Names of organisations as the minutes write them: a municipality ("… Kommune"), a region
 * ("Region …"), general practice (PLO, PLO-Nordjylland), a hospital or the psychiatry.
 */
const ORGANISATION = /(^|\s)(Region\s+\p{Lu}[\p{L}-]*|\p{Lu}[\p{L}-]*\s+Kommune|\p{Lu}[\p{L}-]*\s+(Universitetshospital|Sygehus|Hospital)|PLO(-[\p{L}]+)?|Psykiatrien|Praktiserende\s+læger)$/u;
const WHOLE_ORGANISATION = /^(Region\s+\p{Lu}[\p{L}-]*|(\p{Lu}[\p{L}-]*\s+)+Kommune(r)?|(\p{Lu}[\p{L}-]*\s+)*(Universitetshospital|Sygehus|Hospital|Psykiatrien)|PLO(-[\p{L}]+)?|Praktiserende\s+læger)$/u;

export function looksLikeOrganisation(text: string): boolean {
  return WHOLE_ORGANISATION.test(text.trim());
}

export function looksLikeParty(text: string): boolean {
  return PARTY.test(text.trim());
}

/** A person's name as lists print it: two or more words, each starting with a capital. */
export function looksLikeName(text: string): boolean {
  return /^\p{Lu}[\p{L}'-]*(\s+(\p{Lu}[\p{L}'-]*|von|van|de))+$/u.test(text.trim()) && !looksLikeOrganisation(text);
}

const CHAIR_MARK = /\s+[-–]\s+(mødeleder|ordstyrer|ordførende)\s*$/i;
const CHAIR_LINE = /^(Ordstyrer|Mødeleder|Ordfører|Mødeleder er)\s*:\s*(.+)$/i;

/** Splits "Role i Organisation (medformand)" and the other printed shapes into role and organisation. */
export function roleAndOrganisation(text: string): { role: string | null; organisation: string | null } {
  let rest = text.trim();
  // Parenthesised remarks at the end ("(medformand)", "(sekretariat)") qualify the role.
  let remark = '';
  for (let m = /\s*(\([^()]*\))$/.exec(rest); m && m.index > 0; m = /\s*(\([^()]*\))$/.exec(rest)) {
    remark = ` ${m[1]}${remark}`;
    rest = rest.slice(0, m.index).trim();
  }
  const withRemark = (role: string | null) => (role === null ? (remark ? remark.trim() : null) : `${role}${remark}`);
  const comma = rest.lastIndexOf(', ');
  if (comma > 0) return { role: withRemark(rest.slice(0, comma).trim()), organisation: rest.slice(comma + 2).trim() };
  const inOrg = /^(.+?)\s+i\s+(\p{Lu}.*)$/u.exec(rest);
  if (inOrg) return { role: withRemark(inOrg[1]), organisation: inOrg[2] };
  // "Borgmester Rebild Kommune": a role, then an organisation's name at the end.
  const tail = ORGANISATION.exec(rest);
  if (tail && tail.index > 0) {
    const organisation = rest.slice(tail.index).trim();
    return { role: withRemark(rest.slice(0, tail.index).trim()), organisation };
  }
  if (looksLikeOrganisation(rest)) return { role: withRemark(null), organisation: rest };
  return { role: withRemark(rest), organisation: null };
}

/** One line of a grouped list: "Name, …" with an optional chair mark; null for a line of another shape. */
export function groupedParticipant(line: Line, group: string | null): Participant | null {
  let text = line.text;
  const comma = text.indexOf(', ');
  if (comma <= 0) return null;
  const name = text.slice(0, comma).trim();
  if (!looksLikeName(name)) return null;
  let isChair = false;
  const mark = CHAIR_MARK.exec(text);
  if (mark) {
    isChair = true;
    text = text.slice(0, mark.index);
  }
  let absent = false;
  const fravaer = /\s*\(Fravær\)\s*$/i.exec(text);
  if (fravaer) {
    absent = true;
    text = text.slice(0, fravaer.index);
  }
  const { role, organisation } = roleAndOrganisation(text.slice(comma + 2));
  return { name, role, organisation, party: null, group, isChair, absent, line: line.number };
}

/** A heading of a group: a short line without a comma or a sentence's end, optionally ending in ":". */
export function groupHeading(text: string): string | null {
  const t = text.replace(/:\s*$/, '').trim();
  if (t === '' || t.includes(',') || /[.!?]$/.test(t) || t.split(/\s+/).length > 8) return null;
  return t;
}

/** The chair named on an "Ordstyrer: Name" line; null for another line. */
export function chairLine(text: string): string | null {
  const m = CHAIR_LINE.exec(text);
  return m ? m[2].trim().replace(/\.$/, '') : null;
}

export interface InlineEntry {
  name: string;
  party: string | null;
  organisation: string | null;
  absent: boolean;
}

/**
 * The comma-separated list of the inline layout (and of "Fraværende …" lines): each name
 * followed by its party letter or organisation when one is printed. A token that is neither a
 * name nor an attribute is returned in `unread`.
 */
export function inlineEntries(list: string): { entries: InlineEntry[]; unread: string[] } {
  const tokens = list
    .replace(/\.\s*$/, '')
    .split(/,\s*|\s+og\s+/)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  const entries: InlineEntry[] = [];
  const unread: string[] = [];
  const absentMark = (t: string) => {
    const m = /\s*\(Fravær\)$/i.exec(t);
    return m ? { text: t.slice(0, m.index).trim(), absent: true } : { text: t, absent: false };
  };
  for (let i = 0; i < tokens.length; i++) {
    const first = absentMark(tokens[i]);
    if (!looksLikeName(first.text)) {
      unread.push(tokens[i]);
      continue;
    }
    const entry: InlineEntry = { name: first.text, party: null, organisation: null, absent: first.absent };
    const next = i + 1 < tokens.length ? absentMark(tokens[i + 1]) : null;
    if (next && looksLikeParty(next.text)) {
      entry.party = next.text;
      entry.absent ||= next.absent;
      i++;
    } else if (next && (looksLikeOrganisation(next.text) || (!looksLikeName(next.text) && /^\p{Lu}/u.test(next.text)))) {
      entry.organisation = next.text;
      entry.absent ||= next.absent;
      i++;
    }
    entries.push(entry);
  }
  return { entries, unread };
}

/** Names in an apology: "Afbud fra X", "Der var afbud fra X, Y og Z." (null for another sentence). */
export function apologyNames(text: string): string[] | null {
  const m = /^(?:[-–•]\s*)?(?:Der\s+var\s+|Der\s+er\s+)?afbud\s+fra:?\s+(.+)$/i.exec(text.trim());
  if (!m) return null;
  const names = m[1]
    .replace(/\.\s*$/, '')
    .split(/,\s*|\s+og\s+/)
    .map((n) => n.trim())
    .filter((n) => n !== '');
  return names.every(looksLikeName) ? names : null;
}
