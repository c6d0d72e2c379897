/**
 * Publishes one document's minutes through the API: a data set in the repository's file
 * format, imported as the data files are (import-document.ts), in one transaction. It writes
 * only the kinds the API writes: clusters follow the reform's registry and their data file.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { DataSetError, parseDataFile } from '../data/read-data-set';
import { InvalidRecordError } from './errors';
import { documentDigest, importDocuments, type ImportReport } from './import-document';
import type { WriteContext } from './write-record';

export async function publishDataSet(em: EntityManager, context: WriteContext, input: unknown, progress?: (message: string) => void): Promise<ImportReport> {
  const parsed = parseDataFile(input, 'dataSet');
  if (!parsed.ok) throw new InvalidRecordError(parsed.problems);
  try {
    const [report] = await importDocuments(em, context.region, [{ data: parsed.data, file: null, digest: documentDigest(JSON.stringify(input)) }], {
      subject: context.subject,
      progress,
      writableOnly: true,
    });
    return report;
  } catch (error) {
    if (error instanceof DataSetError) throw new InvalidRecordError(error.problems);
    throw error;
  }
}
