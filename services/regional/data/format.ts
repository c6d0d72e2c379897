/**
 * The format of a region's structured data files (`services/<region>/data/*.json`).
 *
 * One file per source document: the file names the document once (`document`, the seed
 * file's name), and every record in it names the section it was read from. The loader
 * validates each file against these schemas before it writes anything, so a typo in a
 * file is reported with its path instead of surfacing as a wrong figure in a dashboard.
 *
 * Rules the format encodes:
 * - Amounts are whole kroner as integers (`Kroner`); what a document leaves blank
 *   ("Endnu ukendt", an empty cell) is `null`, never 0.
 * - Danish text is kept as the document prints it. Text is strict UTF-8 with no control
 *   characters but tab, line feed and carriage return (read-data-set.ts checks every string
 *   of a file, keys included, before these schemas run).
 * - Printed text is never corrected silently. A text field holds the text as printed, OCR
 *   damage included ("Igsning", "| den", "Hgj"); the record's `readings` lists, per field, the
 *   corrections a reader makes (printed → reading, whole words), with a note when the reading
 *   comes from another document. The API serves the printed text in the field and the corrected
 *   text beside it (readings.ts; the data check refuses a correction the field does not hold).
 * - Text is plain text: Markdown markup the text extractions carry (`*…*`, `**…**`, `[…](…)`,
 *   `#` headings) is stripped, the words kept; a data check refuses markup (text.ts).
 * - Dates are real calendar days and date-times real times with their offset, in the years
 *   the contract's Date scalar accepts (schema/contract/calendar.ts).
 * - References stay within the region, and below a cluster within the cluster: a meeting's
 *   body, a fund table's meeting, a grant's meeting and initiative, an initiative's parent
 *   belong to the record's own cluster (read-data-set.ts).
 * - IDs are lower-case ASCII, start with the region (`nordjylland-`, `syddanmark-`) and are
 *   unique across the whole supergraph.
 */
import { z } from 'zod';
import {
  AttendanceStatus,
  BodyLevel,
  FundRowKind,
  InitiativeKind,
  MappingBasis,
  MeetingStatus,
  SuccessorOutcome,
  type AgreementGoalArea,
  type AgreementMilestone,
  type AgreementOrganisation,
  type AgreementPrinciple,
  type Cost as CostValue,
  type InitiativeDecision as InitiativeDecisionValue,
  type Recommendation as RecommendationValue,
  type SuccessorRecommendation as SuccessorRecommendationValue,
  type Target as TargetValue,
} from '../../../schema/contract';
import { MAX_YEAR, MIN_YEAR, calendarDateProblem, dateTimeWithOffsetProblem } from '../../../schema/contract/calendar';

/** Lower-case ASCII slug; Danish letters are spelled out (æ→ae, ø→oe, å→aa). */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are lower-case ASCII words joined by hyphens');

/** Whole Danish kroner. Negative values occur (a balance row can be negative). */
export const Kroner = z.number().int('amounts are whole kroner (integers)');

/** Refines a string by a check that says why a value is refused (schema/contract/calendar.ts). */
const checkedBy = (problem: (value: string) => string | null) =>
  z.string().superRefine((value, ctx) => {
    const message = problem(value);
    if (message !== null) ctx.addIssue({ code: 'custom', message });
  });

/**
 * A calendar date, `YYYY-MM-DD`: a day that exists (no 2024-02-31), in the years the
 * contract's Date scalar accepts (MIN_YEAR to MAX_YEAR of schema/contract/calendar.ts).
 */
export const LocalDate = checkedBy(calendarDateProblem);

/**
 * An instant with its UTC offset as it applied in Denmark, e.g. `2024-02-08T14:00:00+01:00`:
 * a calendar date as above, a real time of day (no hour 25, no minute 61), an offset within ±14:00.
 */
export const DateTimeWithOffset = checkedBy(dateTimeWithOffsetProblem);

/** A year as a number, in the same range as dates. */
export const Year = z.number().int().min(MIN_YEAR, `years are from ${MIN_YEAR} to ${MAX_YEAR}`).max(MAX_YEAR, `years are from ${MIN_YEAR} to ${MAX_YEAR}`);

/** Where in the document a record was read: a heading or item, e.g. "Punkt 3: Status for klyngemidlerne". */
export const Section = z.string().min(1);

const Text = z.string().min(1);

/** One correction of printed text: each whole-word occurrence of `printed` reads `reading`. */
export const TextCorrection = z.object({ printed: Text, reading: Text });

/**
 * The corrected reading of one text field of a record (see the rule above): `field` is the
 * field's path in the record ("status", "decisions.0.text", "targets.1.description").
 */
export const TextReading = z.object({
  field: z.string().regex(/^[a-zA-Z]+(\.(\d+|[a-zA-Z]+))*$/, 'a field path like "status" or "decisions.0.text"'),
  corrections: z.array(TextCorrection).min(1),
  /** Where the reading comes from when not from the words themselves, e.g. another document's wording. */
  note: Text.nullable().default(null),
});

export const Cluster = z.object({
  id: Id,
  name: Text,
  /** Municipalities as the source lists them; empty when no source lists them. */
  municipalities: z.array(Text),
  /** Why the list is as it is, e.g. that no source gives the municipalities. */
  note: Text.nullable().default(null),
  section: Section,
});

/** A forum that meets: Politisk niveau, Direktørforum, Chefforum, Sekretariat, Fagligt strategisk niveau … */
export const Body = z.object({
  id: Id,
  clusterId: Id,
  name: Text,
  level: z.enum(BodyLevel),
  description: Text.nullable().default(null),
  section: Section,
});

export const Person = z.object({
  id: Id,
  /** The name exactly as the document writes it. Differently spelled names stay different people. */
  name: Text,
  section: Section,
});

/** A person's seat in a body (Popolo/OParl Membership). */
export const Membership = z.object({
  id: Id,
  personId: Id,
  bodyId: Id,
  /** The role as written, e.g. "Regionsrådsformand (medformand)", "PLO-R". */
  role: Text.nullable().default(null),
  /** The organisation the person represents, e.g. "Aalborg Kommune", "PLO-Nordjylland". */
  organisation: Text.nullable().default(null),
  /** Party letter where given, e.g. "V", "A". */
  party: Text.nullable().default(null),
  /** The group the document lists the person under, e.g. "Udvalgsformænd med observatørstatus". */
  group: Text.nullable().default(null),
  /**
   * OParl's votingRight: true for a seat the document lists among the body's members next to
   * observers ("Sundhedsklyngens medlemmer"), false for an observer ("… med observatørstatus");
   * null where the document does not say. The attendance summaries count by it.
   */
  votingRight: z.boolean().nullable().default(null),
  section: Section,
});

export const Attendance = z.object({
  personId: Id,
  /**
   * PARTICIPANT: listed among the meeting's participants with no absence recorded;
   * SENT_APOLOGIES: afbud; ABSENT: fravær without a recorded apology.
   */
  status: z.enum(AttendanceStatus),
  /** The heading the person is listed under at this meeting, e.g. "Chefforum", "Administrativ deltagelse". */
  group: Text.nullable().default(null),
  /** Role and organisation as written for this meeting. */
  role: Text.nullable().default(null),
  organisation: Text.nullable().default(null),
  party: Text.nullable().default(null),
  /** True for the one who led the meeting (mødeleder, ordstyrer). */
  isChair: z.boolean().default(false),
  section: Section,
});

/** One numbered proposal under "Det indstilles, at …". */
export const Recommendation = z.object({
  number: z.number().int().positive().nullable(),
  text: Text,
}) satisfies z.ZodType<RecommendationValue>;

/** Someone who presented an item (oplæg, præsentation), with role and organisation as printed there. */
export const Presenter = z.object({
  personId: Id,
  role: Text.nullable().default(null),
  organisation: Text.nullable().default(null),
});

/**
 * How the hub knows a record: SOURCED when the document states it, INFERRED when the hub infers
 * it from what the document states (the record's note or purpose then says from what).
 */
const Basis = z.enum(MappingBasis).default(MappingBasis.SOURCED);

export const AgendaItem = z.object({
  id: Id,
  /** The item's number as the minutes print it (Punkt 3, 3a, 10.1). */
  number: z.string().regex(/^\d+[a-z]?(\.\d+)*$/, 'agenda item numbers are printed like "3", "3a" or "10.1"'),
  title: Text,
  durationMinutes: z.number().int().positive().nullable().default(null),
  /** Resumé. */
  summary: Text.nullable().default(null),
  /** Sagsfremstilling, whole, paragraphs separated by blank lines. */
  caseDescription: Text.nullable().default(null),
  /** The sentence introducing the proposals, e.g. "Det indstilles, at Direktørforum:". */
  recommendationIntro: Text.nullable().default(null),
  /** Indstilling: each numbered proposal. */
  recommendations: z.array(Recommendation).default([]),
  /** Beslutning, whole. */
  decision: Text.nullable().default(null),
  /** Bilag: attachment titles as printed. */
  attachments: z.array(Text).default([]),
  /** People recorded as absent (Fraværende) for this item. */
  absentPersonIds: z.array(Id).default([]),
  /** Who presented the item, in the order the minutes name them. */
  presenters: z.array(Presenter).default([]),
  /** OParl's `public`: false for a closed item (lukket punkt). */
  public: z.boolean().default(true),
  section: Section,
});

export const Meeting = z.object({
  id: Id,
  clusterId: Id,
  bodyId: Id,
  title: Text,
  /** HELD: minutes exist or a document records its decisions; PLANNED: announced. */
  status: z.enum(MeetingStatus),
  /** Null when the document gives no day (e.g. "første møde i 2024"). */
  date: LocalDate.nullable(),
  /** Null when the document gives no time of day. */
  startsAt: DateTimeWithOffset.nullable().default(null),
  /** How the document states the date, when it is vaguer than a day or time. */
  dateText: Text.nullable().default(null),
  place: Text.nullable().default(null),
  /** Sagsnummer (case number). */
  caseNumber: Text.nullable().default(null),
  /** For planned meetings: the agenda or theme the documents announce. */
  plannedAgenda: z.array(Text).default([]),
  note: Text.nullable().default(null),
  basis: Basis,
  /** A joint meeting (fællesmøde): the other clusters holding it; it is listed under each of them and its own. */
  jointClusterIds: z.array(Id).default([]),
  attendance: z.array(Attendance).default([]),
  agendaItems: z.array(AgendaItem).default([]),
  section: Section,
});

export const Cost = z.object({
  year: Year.nullable(),
  /** Null where the document says the cost is not known ("Endnu ukendt"). */
  amount: Kroner.nullable(),
  /** The cost as printed, e.g. "580.000 kr. i 2023" or "Endnu ukendt". */
  text: Text,
}) satisfies z.ZodType<CostValue>;

export const InitiativeDecision = z.object({
  date: LocalDate.nullable(),
  /** The meeting that took the decision, when it is in the data. */
  meetingId: Id.nullable().default(null),
  text: Text,
}) satisfies z.ZodType<InitiativeDecisionValue>;

export const Target = z.object({
  description: Text,
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  unit: Text.nullable().default(null),
  /** E.g. "01.11.20-31.10.21". */
  baselinePeriod: Text.nullable().default(null),
}) satisfies z.ZodType<TargetValue>;

export const SuccessorRecommendation = z.object({
  /** The council the recommendation is addressed to, e.g. "limfjorden". */
  councilId: Id,
  /** CONTINUE: recommended to continue in the council; DISCONTINUE: not recommended. */
  outcome: z.enum(SuccessorOutcome),
  text: Text,
  /** The meeting that approved the recommendation. */
  meetingId: Id.nullable().default(null),
}) satisfies z.ZodType<SuccessorRecommendationValue>;

/** Indsats: an initiative in a cluster's action plan, a focus area, a sub-initiative or a pilot project. */
export const Initiative = z.object({
  id: Id,
  clusterId: Id,
  /** The number as printed, e.g. "1", "1a", "10b"; null when unnumbered. */
  number: Text.nullable().default(null),
  kind: z.enum(InitiativeKind),
  parentId: Id.nullable().default(null),
  title: Text,
  /** Formål. */
  purpose: Text.nullable().default(null),
  /** Modenhed as printed: "Høj", "Middel", "Lav". */
  maturity: Text.nullable().default(null),
  costs: z.array(Cost).default([]),
  status: Text.nullable().default(null),
  decisions: z.array(InitiativeDecision).default([]),
  targets: z.array(Target).default([]),
  attachments: z.array(Text).default([]),
  successorRecommendation: SuccessorRecommendation.nullable().default(null),
  /** Corrected readings of the printed texts above (the rule of this file's header). */
  readings: z.array(TextReading).default([]),
  note: Text.nullable().default(null),
  section: Section,
});

/** How a column's or row's printed cells are made of other columns or rows. */
export const FundFormula = z.object({ plus: z.array(z.string()), minus: z.array(z.string()).default([]) });

/** A column of a fund table; `formula` makes the loader check each row's printed cell. */
export const FundColumn = z.object({
  key: Id,
  label: Text,
  formula: z.object({ plus: z.array(Id), minus: z.array(Id).default([]) }).nullable().default(null) satisfies z.ZodType<FundFormulaValue | null>,
});

/**
 * A row of a fund table. `cells` maps column keys to amounts; a blank cell is null.
 * `formula` makes the loader check the row's printed cells against other rows:
 * `plus: ["LINES"]` stands for every row of kind LINE.
 */
export const FundRow = z.object({
  key: Id,
  label: Text,
  kind: z.enum(FundRowKind),
  initiativeId: Id.nullable().default(null),
  cells: z.record(z.string(), Kroner.nullable()),
  formula: FundFormula.nullable().default(null),
});

/** A reference to a figure in the table: one cell, or the sum of a column over some rows (LINE rows when `rows` is absent). */
export const FundRef = z.object({
  column: Id,
  row: Id.nullable().default(null),
  rows: z.array(Id).nullable().default(null),
});

/** Where a fund table's figures give the cluster's fund position; absent measures are not reported. */
export const FundPositionRefs = z.object({
  received: FundRef.nullable().default(null),
  spent: FundRef.nullable().default(null),
  committed: FundRef.nullable().default(null),
  uncommitted: FundRef.nullable().default(null),
  note: Text.nullable().default(null),
});

// Storage-only shapes: kept as JSON in fund_table, typed once here for the file format,
// the entity and the resolvers.
export type FundFormulaValue = z.infer<typeof FundFormula>;
export type FundColumnValue = z.infer<typeof FundColumn>;
export type FundRowValue = z.infer<typeof FundRow>;
export type FundRefValue = z.infer<typeof FundRef>;
export type FundPositionRefsValue = z.infer<typeof FundPositionRefs>;

/** A cluster-fund (klyngemidler) table exactly as printed. */
export const FundTable = z.object({
  id: Id,
  clusterId: Id,
  title: Text,
  /** The date of the meeting that reported it. */
  reportedOn: LocalDate,
  meetingId: Id.nullable().default(null),
  columns: z.array(FundColumn).min(1),
  rows: z.array(FundRow).min(1),
  position: FundPositionRefs.nullable().default(null),
  note: Text.nullable().default(null),
  section: Section,
});

/** A grant or decision about money outside the fund tables, e.g. 250.000 kr per pilot from the innovation pool. */
export const Grant = z.object({
  id: Id,
  clusterId: Id.nullable(),
  grantor: Text.nullable().default(null),
  recipient: Text.nullable().default(null),
  amount: Kroner.nullable(),
  purpose: Text,
  meetingId: Id.nullable().default(null),
  initiativeId: Id.nullable().default(null),
  date: LocalDate.nullable().default(null),
  /** E.g. the council that receives remaining funds. */
  toCouncilId: Id.nullable().default(null),
  basis: Basis,
  section: Section,
});

/**
 * A dated fact about an agreement, stored with its own source (the API gives it a Source): its
 * section, and its document when another document than the agreement's own reports it.
 */
export const AgreementFact = z.object({
  text: Text,
  /** The day, or the first day of a period; null when the document gives no day. */
  date: LocalDate.nullable(),
  /** The last day of a period given in days. */
  endDate: LocalDate.nullable().default(null),
  /** The seed file that reports the fact; null for the agreement's own document. */
  document: Text.nullable().default(null),
  /** How the fact was read, e.g. a printed line split where another document's count says so. */
  note: Text.nullable().default(null),
  section: Section,
});
export type AgreementFactValue = z.infer<typeof AgreementFact>;

/**
 * A region's health agreement (sundhedsaftale). A document that reports on an agreement
 * without giving its text (minutes) leaves the vision null and the lists empty.
 */
export const HealthAgreement = z.object({
  id: Id,
  title: Text,
  period: Text,
  vision: Text.nullable().default(null),
  principles: z.array(z.object({ title: Text, points: z.array(Text) }) satisfies z.ZodType<AgreementPrinciple>).default([]),
  goalAreas: z.array(z.object({ title: Text, goals: z.array(Text) }) satisfies z.ZodType<AgreementGoalArea>).default([]),
  organisation: z.array(z.object({ name: Text, description: Text }) satisfies z.ZodType<AgreementOrganisation>).default([]),
  followUp: z
    .array(z.object({ year: Year, date: LocalDate.nullable(), forum: Text.nullable(), items: z.array(Text) }) satisfies z.ZodType<AgreementMilestone>)
    .default([]),
  /** Other facts about the agreement with their own sections (approval, entry into force …). */
  facts: z.array(AgreementFact).default([]),
  section: Section,
});

export const DataFile = z.object({
  /** The seed file's name, e.g. "001_f3d27487db9cbfb0.txt", or "REFORM.md" for the reference facts. */
  document: Text,
  /** A short human title of the document. */
  title: Text,
  clusters: z.array(Cluster).default([]),
  bodies: z.array(Body).default([]),
  people: z.array(Person).default([]),
  memberships: z.array(Membership).default([]),
  meetings: z.array(Meeting).default([]),
  initiatives: z.array(Initiative).default([]),
  fundTables: z.array(FundTable).default([]),
  grants: z.array(Grant).default([]),
  agreements: z.array(HealthAgreement).default([]),
});

export type DataFile = z.infer<typeof DataFile>;
export type ClusterData = z.infer<typeof Cluster>;
export type MeetingData = z.infer<typeof Meeting>;
export type FundTableData = z.infer<typeof FundTable>;
