/**
 * Which region a regional database belongs to. Every region needs a database of its own: a
 * load replaces the data, and two subgraphs on one database (only the generic DATABASE_URL
 * set) each wiped the other's rows on every start. So the first subgraph to start on a
 * database records its region there, and a subgraph of another region refuses to start on
 * it, before it migrates or writes anything.
 *
 * The record is a table of one row, outside the model and the migrations: it must be read
 * before any migration runs, whatever the schema version of the database.
 */
import type { MikroORM } from '@mikro-orm/postgresql';
import { StartupError } from '../../../platform/startup-error';
import { isRegionCode, regionDefinition, type RegionCode } from '../../../schema/contract';

export const REGION_STAMP_TABLE = 'hub_database_region';

/**
 * The key of the transaction-scoped advisory lock every claim takes first, so that two
 * subgraphs starting at once on one empty database claim it one after the other. Any fixed
 * number serves; this one is the first 8 bytes of a SHA-256 of a phrase naming its purpose,
 * unlikely to be taken by anything else on a shared server. (Advisory locks are per database.)
 */
const CLAIM_LOCK_KEY = '-5668907623938401194';

/** How another region's ownership shows: its stamp, or (a database loaded before stamps) its clusters. */
export type Evidence = 'stamp' | 'clusters';

export class DatabaseOfAnotherRegionError extends StartupError {
  constructor(
    /** The region the database belongs to, as recorded (it may be a region this registry no longer has). */
    readonly owner: string,
    readonly region: RegionCode,
    evidence: Evidence,
  ) {
    super(anotherRegionMessage(owner, region, evidence));
    this.name = 'DatabaseOfAnotherRegionError';
  }
}

/** One line for the operator: whose database it is, who refuses, which setting to change. Never the URL. */
export function anotherRegionMessage(owner: string, region: RegionCode, evidence: Evidence): string {
  const ownerName = isRegionCode(owner) ? `${regionDefinition(owner).name} (${owner})` : `region ${owner}`;
  const prefix = regionDefinition(region).slug.toUpperCase();
  const whose = evidence === 'stamp' ? `belongs to ${ownerName}` : `holds the clusters of ${ownerName}`;
  return (
    `this database ${whose}; the ${regionDefinition(region).slug} subgraph will not start on it: ` +
    `give each region its own database (${prefix}_DATABASE_URL, or ${prefix}_DATA_DIR for the embedded one)`
  );
}

/**
 * Claims the database `orm` is connected to for `region`: 'claimed' when it belonged to no
 * region yet, 'ours' when it is already the region's. Throws DatabaseOfAnotherRegionError
 * when it belongs to another region, or (never stamped) holds another region's clusters;
 * then the transaction is rolled back and the database is exactly as it was. Call it after
 * connecting and before migrating.
 */
export async function claimDatabase(orm: MikroORM, region: RegionCode): Promise<'claimed' | 'ours'> {
  return orm.em.getKnex().transaction(async (trx) => {
    await trx.raw(`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
    // A single row: the primary key can only be true.
    await trx.raw(
      `create table if not exists ${REGION_STAMP_TABLE} (
        only_row boolean primary key default true check (only_row),
        region text not null check (region <> ''),
        claimed_at timestamptz not null default now()
      )`,
    );
    const stamp = (await trx.raw(`select region from ${REGION_STAMP_TABLE}`)).rows as Array<{ region: string }>;
    if (stamp.length > 0) {
      if (stamp[0].region !== region) throw new DatabaseOfAnotherRegionError(stamp[0].region, region, 'stamp');
      return 'ours';
    }
    // A database loaded before there were stamps: its clusters say whose it is. Read before
    // any migration, so in the schema those databases have (cluster.region_code).
    const clusters = (await trx.raw(`select to_regclass('cluster') is not null as present`)).rows as Array<{ present: boolean }>;
    if (clusters[0].present) {
      const others = (await trx.raw(`select region_code from cluster where region_code <> ? order by region_code limit 1`, [region])).rows as Array<{ region_code: string }>;
      if (others.length > 0) throw new DatabaseOfAnotherRegionError(others[0].region_code, region, 'clusters');
    }
    await trx.raw(`insert into ${REGION_STAMP_TABLE} (region) values (?)`, [region]);
    return 'claimed';
  });
}

