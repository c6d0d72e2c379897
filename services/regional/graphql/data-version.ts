/** `dataVersion`: how current a region's data is, from the record and record_change tables, in one statement. */
import type { EntityManager } from '@mikro-orm/postgresql';
import type { DataVersion } from '../../../schema/contract';
import { selectBound } from '../model';

const DATA_VERSION_SQL = `
select (select max(at) from record_change) as "lastChangeAt",
       (select count(*)::int from record_change) as changes,
       (select count(*)::int from record) as records,
       (select count(*)::int from record where withdrawn_at is not null) as withdrawn`;

export async function dataVersion(em: EntityManager): Promise<DataVersion> {
  const [row] = await selectBound<DataVersion>(em, DATA_VERSION_SQL, []);
  return { ...row, lastChangeAt: row.lastChangeAt === null ? null : new Date(row.lastChangeAt) };
}
