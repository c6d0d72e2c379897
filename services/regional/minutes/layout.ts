/**
 * The layout of a set of minutes (referat) from the clusters' meeting systems: a title line
 * "REFERAT <body> d. DD-MM-YYYY", labelled lines "Mødedato …", "Mødested …" (and, in the inline
 * layout, "Mødedeltagere …"), a table of contents ("Indholdsfortegnelse", lines ending in a
 * page number), then one section per agenda item, "Punkt N: <title>[ - 5 min]".
 */
import type { Line } from './plain-text';

export interface ItemSection {
  /** The item's number as printed ("3", "3a", "10.1"). */
  number: string;
  title: string;
  durationMinutes: number | null;
  /** The heading as printed, the records' section. */
  heading: string;
  line: number;
  body: Line[];
  /** While the lines after the heading are not yet separated from it by a blank line. */
  continues: boolean;
  lastLineLength: number;
}

export interface MinutesLayout {
  titleLine: Line | null;
  /** The body's name as the title prints it ("Direktørforum Sundhedsklynge Midt"). */
  bodyName: string | null;
  /** The title without "REFERAT" ("Direktørforum Sundhedsklynge Midt d. 08-02-2024"). */
  meetingTitle: string | null;
  isMinutes: boolean;
  titleDate: string | null;
  dateLine: Line | null;
  placeLine: Line | null;
  /** "Mødedeltagere Name, V, …" on one line: the inline layout. */
  inlineParticipantsLine: Line | null;
  /** Lines of the table of contents, recognised and not used (the sections carry the same titles). */
  contents: Line[];
  items: ItemSection[];
  /** Lines before the first item that are none of the above. */
  other: Line[];
}

const TITLE = /^(REFERAT|DAGSORDEN)\s+(.+?)\s+(?:d\.|den)\s+(\d{1,2}[-.]\d{1,2}[-.]\d{4})\s*$/i;
const ITEM = /^Punkt\s+(\d+[a-z]?(?:\.\d+)*)\s*[:.]\s*(.+)$/i;
/** Lines that start a block of an item and so cannot continue its heading: labels, case numbers, lists. */
const STARTS_BLOCK = /^(Resumé|Sagsfremstilling|Indstilling|Beslutning|Bilag|Fraværende|Deltagere|Mødedeltagere|Det indstilles|\d{2}\/\d{3,}$|[-–•]\s|\d+[.)]\s)/i;
/** Lines that open something of their own on the front page, so continue no labelled line. */
const STARTS_FRONT = /^(REFERAT|DAGSORDEN|Mødedato|Mødested|Mødedeltagere|Deltagere|Indholdsfortegnelse|Indhold|Punkt\s+\d)\b/i;
/** A line at least this long may have been wrapped by a PDF's layout. */
const WRAPPED_LINE = 60;
const DURATION = /^(.*?)\s+[-–]\s+(\d+)\s*min\.?$/i;
const CONTENTS_HEADING = /^(Indholdsfortegnelse|Indhold)$/i;
const CONTENTS_ENTRY = /(\.{3,}|\t)\s*\d+\s*$|\t|\.{3,}|\s\d{1,3}\s*$/;
/**
 * The layout's own lines that a PDF's line-joining may have put at the end of the line above:
 * a case number ("22/43402") printed under an item's heading, the contents' heading after the
 * last labelled line of the front page. Each is a line of its own, never part of a title or
 * a place.
 */
const CASE_NUMBER_AT_END = /^(.*\S)\s+(\d{2}\/\d{3,})$/;
const CONTENTS_AT_END = /^(.*\S)\s+(Indholdsfortegnelse)$/i;

/** A line split where the layout's own line was joined to its end: the line, then the joined one (or null). */
function splitJoined(line: Line, pattern: RegExp): [Line, Line | null] {
  const m = pattern.exec(line.text);
  return m ? [{ ...line, text: m[1] }, { ...line, text: m[2] }] : [line, null];
}

/** "Title - 5 min" → title and minutes; a title without a duration is returned whole. */
export function splitDuration(text: string): { title: string; minutes: number | null } {
  const m = DURATION.exec(text);
  return m ? { title: m[1].trim(), minutes: Number(m[2]) } : { title: text.trim(), minutes: null };
}

export function readLayout(lines: readonly Line[]): MinutesLayout {
  const layout: MinutesLayout = {
    titleLine: null,
    bodyName: null,
    meetingTitle: null,
    isMinutes: false,
    titleDate: null,
    dateLine: null,
    placeLine: null,
    inlineParticipantsLine: null,
    contents: [],
    items: [],
    other: [],
  };
  let inContents = false;
  let current: ItemSection | null = null;
  let continuing: Line | null = null;
  let continuingLength = 0;
  /** Mødedato, Mødested or Mødedeltagere, each read once: the line kept (it may go on in the next); null for another line. */
  const readFrontLine = (line: Line): Line | null => {
    const kept = { ...line };
    if (/^Mødedato\b/i.test(line.text) && layout.dateLine === null) layout.dateLine = kept;
    else if (/^Mødested\b/i.test(line.text) && layout.placeLine === null) layout.placeLine = kept;
    else if (/^(Mødedeltagere|Deltagere)\s*:?\s+\S/i.test(line.text) && layout.inlineParticipantsLine === null) layout.inlineParticipantsLine = kept;
    else return null;
    return kept;
  };
  for (const line of lines) {
    const text = line.text;
    const item = ITEM.exec(text);
    if (item) {
      const [heading, caseNumber] = splitJoined(line, CASE_NUMBER_AT_END);
      const { title, minutes } = splitDuration(ITEM.exec(heading.text)![2]);
      current = { number: item[1].toLowerCase(), title, durationMinutes: minutes, heading: heading.text, line: line.number, body: [], continues: true, lastLineLength: text.length };
      if (caseNumber) {
        current.body.push(caseNumber);
        current.continues = false;
      }
      layout.items.push(current);
      inContents = false;
      continue;
    }
    if (current) {
      // A heading too long for its line (a PDF's wrapped line: a long one) goes on in the next
      // line, up to the blank line after it.
      if (current.body.length === 0 && text !== '' && current.continues && current.lastLineLength >= WRAPPED_LINE && !STARTS_BLOCK.test(text)) {
        const [rest, caseNumber] = splitJoined(line, CASE_NUMBER_AT_END);
        current.lastLineLength = text.length;
        current.heading = `${current.heading} ${rest.text}`;
        const { title, minutes } = splitDuration(current.heading.replace(ITEM, '$2'));
        current.title = title;
        current.durationMinutes = minutes;
        if (caseNumber) {
          current.body.push(caseNumber);
          current.continues = false;
        }
        continue;
      }
      current.continues = false;
      current.body.push(line);
      continue;
    }
    if (text === '') {
      continuing = null;
      continue;
    }
    // A labelled line of the front page too long for one line (a PDF's wrapped line: a long
    // one) goes on in the next, until the blank line.
    if (continuing !== null && continuingLength >= WRAPPED_LINE && !STARTS_FRONT.test(text) && !CONTENTS_HEADING.test(text)) {
      continuing.text = `${continuing.text} ${text}`;
      continuingLength = text.length;
      continue;
    }
    continuing = null;
    continuingLength = text.length;
    const title = layout.titleLine === null ? TITLE.exec(text) : null;
    if (title) {
      layout.titleLine = line;
      layout.isMinutes = title[1].toUpperCase() === 'REFERAT';
      layout.bodyName = title[2].trim();
      layout.meetingTitle = text.slice(title[1].length).trim();
      layout.titleDate = title[3];
    } else if (/^(Mødedato|Mødested|Mødedeltagere|Deltagere)\b/i.test(text) && CONTENTS_AT_END.test(text)) {
      // A labelled line with the contents' heading joined to its end: read as the two lines.
      const [labelled, contents] = splitJoined(line, CONTENTS_AT_END);
      readFrontLine(labelled);
      inContents = true;
      layout.contents.push(contents!);
    } else if ((continuing = readFrontLine(line)) !== null) {
      // a labelled line of the front page, which may go on in the next line
    } else if (CONTENTS_HEADING.test(text)) {
      inContents = true;
      layout.contents.push(line);
    } else if (inContents && CONTENTS_ENTRY.test(text)) {
      layout.contents.push(line);
    } else {
      layout.other.push(line);
    }
  }
  return layout;
}

/** The value after a line's label ("Mødested Psykiatrisk Afdeling, Esbjerg" → "Psykiatrisk Afdeling, Esbjerg"). */
export function labelValue(line: Line | null): string | null {
  if (!line) return null;
  const value = line.text.replace(/^\S+\s*:?\s*/, '').trim();
  return value === '' ? null : value;
}
