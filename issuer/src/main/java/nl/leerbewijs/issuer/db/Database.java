package nl.leerbewijs.issuer.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;
import nl.leerbewijs.issuer.config.DatabaseUrl;

/** The issuer's connection pool (vertx-pg-client) and the few operations on it as a whole. */
public final class Database implements AutoCloseable {
  private final Pool pool;

  private Database(Pool pool) {
    this.pool = pool;
  }

  /** Prepared statements kept per connection (the issuer has fewer than this). */
  public static final int PREPARED_STATEMENT_CACHE = 256;

  /**
   * A pool of at most {@code maxSize} connections to {@code url}. Connects lazily. Each connection
   * keeps its prepared statements (parsed and planned once, not per request).
   */
  public static Database connect(Vertx vertx, DatabaseUrl url, int maxSize) {
    Pool pool =
        PgBuilder.pool()
            .with(
                new PoolOptions()
                    .setMaxSize(maxSize)
                    .setName("leerbewijs-issuer")
                    .setConnectionTimeout(5)
                    .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS))
            .connectingTo(
                url.toPgConnectOptions()
                    .setCachePreparedStatements(true)
                    .setPreparedStatementCacheMaxSize(PREPARED_STATEMENT_CACHE))
            .using(vertx)
            .build();
    return new Database(pool);
  }

  public Pool pool() {
    return pool;
  }

  /** Runs {@code work} in one transaction: committed when its future succeeds, else rolled back. */
  public <T> Future<T> inTransaction(Function<SqlConnection, Future<T>> work) {
    return pool.withTransaction(work);
  }

  /** Succeeds when the database answers a trivial query. */
  public Future<Void> ping() {
    return pool.query("SELECT 1").execute().mapEmpty();
  }

  @Override
  public void close() {
    pool.close();
  }
}
