/**
 * An Atom feed (RFC 4287) of a cluster's or council's new and changed meetings and decisions,
 * made with the `feed` package (maintained; 6.0.0, engines node >=20).
 *
 * Entries, newest change first, at most ATOM_MAX_ENTRIES:
 * - each meeting: updated = the record's updatedAt, published = its createdAt; the id stays
 *   the same across edits, so a reader shows an edited meeting as updated, not as new;
 * - each agenda item with a decision (Beslutning) as printed: an agenda item is part of its
 *   meeting's record, so its entry carries the meeting's updatedAt.
 * Every entry links to the meeting on /dashboard.
 */
import { Feed } from 'feed';
import { escapeHtml } from '../html-page';
import { meetingDescription } from './calendar';
import type { FeedMeeting, MeetingsOf } from './meetings-source';

export const ATOM_MAX_ENTRIES = 100;

export interface AtomInput {
  of: MeetingsOf;
  /** The feed's own URL. */
  selfUrl: string;
  /** The dashboard's URL. */
  dashboardUrl: string;
  meetingUrl: (meetingId: string) => string;
}

interface Entry {
  id: string;
  title: string;
  link: string;
  updated: Date;
  published: Date;
  content: string;
}

/** Tag-like URNs: stable, and not mistaken for a resolvable address. */
const urn = (kind: string, id: string) => `urn:sundhedsklynger-hub:${kind}:${encodeURIComponent(id)}`;

function entriesOf(m: FeedMeeting, meetingUrl: (id: string) => string): Entry[] {
  const link = meetingUrl(m.id);
  const updated = new Date(m.updatedAt);
  const published = new Date(m.createdAt);
  const day = m.date ?? m.dateText ?? 'dato ikke oplyst';
  const entries: Entry[] = [
    { id: urn('meeting', m.id), title: `${m.title} (${day})`, link, updated, published, content: meetingDescription(m, link) },
  ];
  for (const item of m.agendaItems) {
    if (item.decision === null) continue;
    entries.push({
      id: urn('decision', item.id),
      title: `Beslutning: ${item.number}. ${item.title} · ${m.title}`,
      link,
      updated,
      published,
      content: item.decision,
    });
  }
  return entries;
}

/**
 * `feed` marks titles and content as type="html": the printed text is escaped, and its blank
 * lines (paragraph breaks in the minutes) become paragraphs, line breaks <br>.
 */
export function asHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('');
}

export function atomEntries(of: MeetingsOf, meetingUrl: (id: string) => string): Entry[] {
  return of.meetings
    .flatMap((m) => entriesOf(m, meetingUrl))
    .sort((a, b) => b.updated.getTime() - a.updated.getTime() || a.id.localeCompare(b.id))
    .slice(0, ATOM_MAX_ENTRIES);
}

export function renderAtom({ of, selfUrl, dashboardUrl, meetingUrl }: AtomInput): string {
  const entries = atomEntries(of, meetingUrl);
  const feed = new Feed({
    id: urn(of.kind, of.id),
    // The feed's own title is written as plain text (no type="html").
    title: `${of.name}: nye og ændrede møder og beslutninger`,
    link: dashboardUrl,
    language: 'da',
    // An empty feed still needs an <updated>: the epoch says "nothing yet" without inventing a date.
    updated: entries[0]?.updated ?? new Date(0),
    generator: 'sundhedsklynger-federation-hub',
    feedLinks: { atom: selfUrl },
    copyright: '',
  });
  for (const e of entries) {
    feed.addItem({ id: e.id, title: escapeHtml(e.title), link: e.link, date: e.updated, published: e.published, content: asHtml(e.content) });
  }
  return feed.atom1();
}
