import pg from 'pg';

/** One statement on a short-lived connection (CREATE/DROP DATABASE cannot run in a transaction). */
export async function runSql(connectionString: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function serverVersion(connectionString: string): Promise<string> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}

export const createDatabase = (adminUrl: string, name: string) => runSql(adminUrl, `CREATE DATABASE "${name}"`);
export const dropDatabase = (adminUrl: string, name: string) =>
  runSql(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);

/**
 * The oldest transaction on the whole server that holds an xid: while it is
 * open, readers of a log guarded by pg_snapshot_xmin (ours, Emmett) cannot
 * pass the events written after it started, whatever database it is in.
 */
export async function horizonHolder(connectionString: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const { rows } = await client.query<{ who: string }>(
      `SELECT format('pid %s in database %s (%s, transaction open for %s): %s',
                     pid, datname, state, date_trunc('second', now() - xact_start), left(query, 60)) AS who
       FROM pg_stat_activity WHERE backend_xid IS NOT NULL AND pid <> pg_backend_pid()
       UNION ALL
       SELECT format('prepared transaction %s in database %s since %s', gid, database, prepared) FROM pg_prepared_xacts
       LIMIT 1`,
    );
    return rows[0]?.who;
  } finally {
    await client.end();
  }
}
