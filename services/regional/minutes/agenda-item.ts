/**
 * One agenda item's section read by its labels: "Resumé", "Sagsfremstilling", "Indstilling"
 * with the proposals after "Det indstilles, at …:" ("1. …" numbered, "- …" or a plain paragraph
 * unnumbered), "Beslutning" (also "Beslutning i <body> den <date>"), "Bilag" (one attachment a
 * line), "Fraværende <names>", the case number ("22/43402"), and in a participants item the
 * grouped list. Text before any label is the case description, as the layouts without a
 * "Sagsfremstilling" label print it; a first line repeating the heading is the heading again.
 */
import { joinBlock, type Line } from './plain-text';
import { splitDuration, type ItemSection } from './layout';
import { apologyNames, chairLine, groupedParticipant, groupHeading, inlineEntries, type InlineEntry, type Participant } from './participants';

/** Something the importer read but could not place, with its 1-based line in the extracted text. */
export interface UnplacedLine {
  line: number;
  text: string;
  reason: string;
}

export interface Proposal {
  number: number | null;
  text: string;
}

export interface ReadItem {
  section: ItemSection;
  summary: string | null;
  caseDescription: string | null;
  recommendationIntro: string | null;
  recommendations: Proposal[];
  decision: string | null;
  attachments: string[];
  absentees: Array<InlineEntry & { line: number }>;
  caseNumbers: string[];
  participants: Participant[];
  chairName: string | null;
  apologies: Array<{ name: string; line: number }>;
  unplaced: UnplacedLine[];
}

type Block = 'case' | 'summary' | 'recommendation' | 'decision' | 'attachments' | 'participants' | 'absent';

const LABELS: Array<[RegExp, Block]> = [
  [/^Resumé:?$/i, 'summary'],
  [/^Sagsfremstilling:?$/i, 'case'],
  [/^(Indstilling|Indstillinger):?$/i, 'recommendation'],
  [/^Beslutning(\s+i\s+.+)?:?$/i, 'decision'],
  [/^Bilag:?$/i, 'attachments'],
  [/^(Mødedeltagere|Deltagere):?$/i, 'participants'],
];
const INTRO = /^Det\s+indstilles,?\s+at\b/i;
const CASE_NUMBER = /^\d{2}\/\d{3,}$/;
const ABSENT = /^Fraværende\s*:?\s*(.*)$/i;
const NUMBERED = /^(\d+)[.)]\s+(.+)$/;
const BULLET = /^[-–•]\s+(.+)$/;

/** True for an item that lists the meeting's participants ("Deltagere", "Mødedeltagere"). */
export function isParticipantsItem(section: ItemSection): boolean {
  return /^(Møde)?deltagere$/i.test(section.title.trim());
}

export function readItem(section: ItemSection): ReadItem {
  const item: ReadItem = {
    section,
    summary: null,
    caseDescription: null,
    recommendationIntro: null,
    recommendations: [],
    decision: null,
    attachments: [],
    absentees: [],
    caseNumbers: [],
    participants: [],
    chairName: null,
    apologies: [],
    unplaced: [],
  };
  const blocks: Record<'case' | 'summary' | 'decision', Line[]> = { case: [], summary: [], decision: [] };
  let block: Block = isParticipantsItem(section) ? 'participants' : 'case';
  let group: string | null = null;
  let seenText = false;
  let proposal: Proposal | null = null;
  // Proposals are printed as a list ("1. …", "- …") or, one to a paragraph, without a mark.
  let listedProposals = false;

  const closeProposal = () => {
    if (proposal) item.recommendations.push(proposal);
    proposal = null;
  };

  for (const line of section.body) {
    const text = line.text;
    if (!seenText && text !== '') {
      seenText = true;
      // The meeting systems print the heading again under "Punkt N:"; it is the heading, not text.
      const repeated = splitDuration(text);
      if (text === section.title || (repeated.minutes !== null && repeated.minutes === section.durationMinutes)) {
        if (repeated.title !== section.title) item.unplaced.push({ line: line.number, text, reason: 'repeats the item heading with other words; the heading is kept' });
        continue;
      }
    }
    const label = LABELS.find(([pattern]) => pattern.test(text));
    if (label) {
      closeProposal();
      block = label[1];
      if (block === 'participants') group = null;
      continue;
    }
    if (CASE_NUMBER.test(text)) {
      item.caseNumbers.push(text);
      continue;
    }
    const absent = ABSENT.exec(text);
    if (absent) {
      closeProposal();
      block = 'absent';
      if (absent[1] !== '') readAbsentees(absent[1], line, item);
      continue;
    }
    if (INTRO.test(text)) {
      closeProposal();
      item.recommendationIntro = text;
      listedProposals = false;
      block = 'recommendation';
      continue;
    }
    if (text === '') {
      if (block === 'recommendation') closeProposal();
      else if (block in blocks) blocks[block as keyof typeof blocks].push(line);
      continue;
    }
    switch (block) {
      case 'case':
      case 'summary':
      case 'decision':
        blocks[block].push(line);
        if (block === 'decision') {
          const names = apologyNames(text);
          if (names) for (const name of names) item.apologies.push({ name, line: line.number });
        }
        break;
      case 'attachments':
        item.attachments.push(text);
        break;
      case 'absent':
        readAbsentees(text, line, item);
        break;
      case 'participants': {
        const chair = chairLine(text);
        if (chair) {
          item.chairName = chair;
          break;
        }
        const names = apologyNames(text);
        if (names) {
          for (const name of names) item.apologies.push({ name, line: line.number });
          break;
        }
        const person = groupedParticipant(line, group);
        if (person) {
          item.participants.push(person);
          break;
        }
        const heading = groupHeading(text);
        if (heading) group = heading;
        else item.unplaced.push({ line: line.number, text, reason: 'a line in the participants list that is neither a heading nor "Name, role"' });
        break;
      }
      case 'recommendation': {
        const numbered = NUMBERED.exec(text);
        const bullet = BULLET.exec(text);
        if (numbered || bullet) {
          closeProposal();
          listedProposals = true;
          proposal = numbered ? { number: Number(numbered[1]), text: numbered[2].trim() } : { number: null, text: bullet![1].trim() };
        } else if (proposal) {
          // A proposal wrapped over two lines (a PDF's lines, a Word paragraph's soft break).
          proposal.text += ` ${text}`;
        } else if (!listedProposals) {
          proposal = { number: null, text };
        } else {
          item.unplaced.push({ line: line.number, text, reason: 'text after the proposals of the recommendation, under no label' });
        }
        break;
      }
    }
  }
  closeProposal();
  item.summary = joinBlock(blocks.summary);
  item.caseDescription = joinBlock(blocks.case);
  item.decision = joinBlock(blocks.decision);
  return item;
}

function readAbsentees(list: string, line: Line, item: ReadItem): void {
  const { entries, unread } = inlineEntries(list);
  for (const entry of entries) item.absentees.push({ ...entry, line: line.number });
  for (const token of unread) item.unplaced.push({ line: line.number, text: token, reason: 'not a name in the list of absentees' });
}
