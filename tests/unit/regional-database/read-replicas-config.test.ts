/**
 * Which read replicas a regional subgraph is given (<REGION>_DATABASE_READ_URLS, else
 * DATABASE_READ_URLS), and the one-line refusal of replicas for the embedded database,
 * which has none. Nothing is started: the refusal comes before any database opens.
 */
import { StartupError } from '../../../platform/startup-error';
import { EmbeddedReplicasError, connectDatabase } from '../../../services/regional/database/connect';
import { regionalSubgraph } from '../../../services/regional/definition';
import { regionalConfigFromEnv } from '../../../services/regional/service';
import { isolateEnv } from '../../support/isolated-env';

const nordjylland = regionalSubgraph('nordjylland');
const PRIMARY = 'postgresql://hub@db.example:5432/nordjylland';

describe('the read replicas of a regional subgraph', () => {
  isolateEnv(['NORDJYLLAND_DATABASE_URL', 'DATABASE_URL', 'NORDJYLLAND_DATABASE_READ_URLS', 'DATABASE_READ_URLS']);

  it('are none when no variable names any', () => {
    process.env.NORDJYLLAND_DATABASE_URL = PRIMARY;
    expect(regionalConfigFromEnv(nordjylland).databaseReadUrls).toEqual([]);
  });

  it('are the comma-separated list of the region’s own variable, which wins over the generic one', () => {
    process.env.NORDJYLLAND_DATABASE_URL = PRIMARY;
    process.env.NORDJYLLAND_DATABASE_READ_URLS = 'postgresql://hub@replica-1:5432/nordjylland, postgresql://hub@replica-2:5432/nordjylland';
    process.env.DATABASE_READ_URLS = 'postgresql://hub@elsewhere:5432/other';
    expect(regionalConfigFromEnv(nordjylland).databaseReadUrls).toEqual(['postgresql://hub@replica-1:5432/nordjylland', 'postgresql://hub@replica-2:5432/nordjylland']);
  });

  it('come from the generic variable when the region has none of its own', () => {
    process.env.DATABASE_URL = PRIMARY;
    process.env.DATABASE_READ_URLS = 'postgresql://hub@replica-1:5432/nordjylland';
    expect(regionalConfigFromEnv(nordjylland).databaseReadUrls).toEqual(['postgresql://hub@replica-1:5432/nordjylland']);
  });

  it('are refused in one line with the embedded database, naming the variable that was set', () => {
    process.env.NORDJYLLAND_DATABASE_READ_URLS = 'postgresql://hub@replica-1:5432/nordjylland';
    expect(() => regionalConfigFromEnv(nordjylland)).toThrow(
      new Error('configuration error: NORDJYLLAND_DATABASE_READ_URLS needs NORDJYLLAND_DATABASE_URL (or DATABASE_URL): the embedded database has no read replicas'),
    );
    expect(() => regionalConfigFromEnv(nordjylland)).toThrow(StartupError);
  });

  it('are refused by the database layer too, before an embedded database starts', async () => {
    const opening = connectDatabase({ readUrls: ['postgresql://hub@replica-1:5432/nordjylland'] });
    await expect(opening).rejects.toBeInstanceOf(EmbeddedReplicasError);
    await expect(opening).rejects.toThrow(/^configuration error: read replicas \(DATABASE_READ_URLS\) need a PostgreSQL server \(DATABASE_URL\): the embedded database has none$/);
  });
});
