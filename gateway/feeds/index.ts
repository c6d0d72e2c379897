/**
 * The gateway's feeds and exports, all built from its own GraphQL answers (self-graphql.ts):
 *
 *   GET /calendar/<cluster-or-council-id>.ics[?from=YYYY-MM-DD&to=YYYY-MM-DD][&body=<body-id>]
 *   GET /calendar/<cluster-or-council-id>/<body-id>.ics
 *   GET /feeds/<cluster-or-council-id>.atom
 *   GET /export/fund-tables/<fund-table-id>.csv
 *   GET /export/meetings/<meeting-id>/agenda.csv
 *
 * Answers carry the Cache-Control of the GraphQL answer they were made from (public, the same
 * max-age), and never depend on the client's Authorization header, which is not passed on.
 * Errors are one line of text: 404 for an unknown id, 400 for a bad window, 502 when the
 * GraphQL answer had errors (a region down, say).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { DASHBOARD_PATH } from '../dashboard';
import { ATOM_MAX_ENTRIES, renderAtom } from './atom';
import { renderCalendar } from './calendar';
import { agendaExport, fundTableExport, type CsvExport } from './exports';
import { CSV_CONTENT_TYPE } from './csv';
import { meetingsOf, recentlyChangedMeetingsOf } from './meetings-source';
import { feedCacheControl, SelfGraphqlError } from './self-graphql';
import { calendarWindow, WindowError } from './window';

/** Ids are lower-case ASCII with hyphens (schema/contract/registry.ts); anything else names nothing. */
const ID = /^[a-z0-9][a-z0-9-]{0,199}$/;

function origin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? '127.0.0.1'}`;
}

/** Where a meeting is shown: its entry in the dashboard's timeline. */
export function meetingUrl(base: string, meetingId: string): string {
  return `${base}${DASHBOARD_PATH}#meeting-${encodeURIComponent(meetingId)}`;
}

function text(res: Response, status: number, line: string): void {
  res.status(status).set('Cache-Control', 'no-store').type('text/plain; charset=utf-8').send(`${line}\n`);
}

/** The id in a path segment such as "nordjylland-midt.ics", or null when the segment is not one. */
function idWithExtension(segment: unknown, extension: string): string | null {
  if (typeof segment !== 'string' || !segment.endsWith(extension)) return null;
  const id = segment.slice(0, -extension.length);
  return ID.test(id) ? id : null;
}

/** Runs a handler; turns the errors it expects into one-line answers. */
function handle(fn: (req: Request, res: Response) => Promise<void>) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch((error: unknown) => {
      if (error instanceof WindowError) text(res, 400, error.message);
      else if (error instanceof SelfGraphqlError) text(res, 502, `The hub could not answer: ${error.message}`);
      else next(error);
    });
  };
}

async function calendar(req: Request, res: Response, id: string | null, bodyId: string | undefined): Promise<void> {
  if (!id || (bodyId !== undefined && !ID.test(bodyId))) return text(res, 404, 'No such calendar: give /calendar/<cluster-or-council-id>.ics or /calendar/<cluster-id>/<body-id>.ics.');
  const window = calendarWindow(req.query as Record<string, unknown>, Date.now());
  const of = await meetingsOf(req, id, window);
  if (!of) return text(res, 404, `No cluster or council has the id "${id}".`);
  if (bodyId !== undefined && !of.bodyIds.includes(bodyId)) return text(res, 404, `${of.name} has no body with the id "${bodyId}".`);
  const base = origin(req);
  const body = renderCalendar({ of, bodyId, window, meetingUrl: (m) => meetingUrl(base, m) });
  res
    .status(200)
    .set({ 'Content-Type': 'text/calendar; charset=utf-8', 'Cache-Control': feedCacheControl(of.cacheControl), 'X-Content-Type-Options': 'nosniff' })
    .set('Content-Disposition', `inline; filename="${of.id}${bodyId ? `-${bodyId}` : ''}.ics"`)
    .send(body);
}

function sendCsv(res: Response, csv: CsvExport): void {
  res
    .status(200)
    .set({ 'Content-Type': CSV_CONTENT_TYPE, 'Cache-Control': feedCacheControl(csv.cacheControl), 'X-Content-Type-Options': 'nosniff' })
    .set('Content-Disposition', `attachment; filename="${csv.filename}"`)
    .send(csv.body);
}

export function feedRoutes(): Router {
  const router = express.Router();

  router.get(
    '/calendar/:file',
    handle((req, res) => {
      const body = typeof req.query.body === 'string' && req.query.body !== '' ? req.query.body : undefined;
      return calendar(req, res, idWithExtension(req.params.file, '.ics'), body);
    }),
  );
  router.get(
    '/calendar/:id/:file',
    handle((req, res) => {
      const bodyId = idWithExtension(req.params.file, '.ics');
      const id = ID.test(String(req.params.id)) ? String(req.params.id) : null;
      return calendar(req, res, bodyId ? id : null, bodyId ?? undefined);
    }),
  );

  router.get(
    '/feeds/:file',
    handle(async (req, res) => {
      const id = idWithExtension(req.params.file, '.atom');
      if (!id) return text(res, 404, 'No such feed: give /feeds/<cluster-or-council-id>.atom.');
      // Not a window of days: the feed is about what changed lately, whatever the meeting's day.
      // Each meeting gives at least one entry, so the most recently changed ones suffice.
      const of = await recentlyChangedMeetingsOf(req, id, ATOM_MAX_ENTRIES);
      if (!of) return text(res, 404, `No cluster or council has the id "${id}".`);
      const base = origin(req);
      const atom = renderAtom({ of, selfUrl: `${base}/feeds/${id}.atom`, dashboardUrl: `${base}${DASHBOARD_PATH}`, meetingUrl: (m) => meetingUrl(base, m) });
      res
        .status(200)
        .set({ 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': feedCacheControl(of.cacheControl), 'X-Content-Type-Options': 'nosniff' })
        .send(atom);
    }),
  );

  router.get(
    '/export/fund-tables/:file',
    handle(async (req, res) => {
      const id = idWithExtension(req.params.file, '.csv');
      const csv = id ? await fundTableExport(req, id) : null;
      if (!csv) return text(res, 404, `No fund table has the id "${id ?? String(req.params.file)}".`);
      sendCsv(res, csv);
    }),
  );

  router.get(
    '/export/meetings/:id/agenda.csv',
    handle(async (req, res) => {
      const id = String(req.params.id);
      const csv = ID.test(id) ? await agendaExport(req, id) : null;
      if (!csv) return text(res, 404, `No meeting has the id "${id.slice(0, 200)}".`);
      sendCsv(res, csv);
    }),
  );

  return router;
}
