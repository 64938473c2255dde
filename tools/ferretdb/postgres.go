package main

// A private PostgreSQL server for FerretDB's postgresql handler. FerretDB's SQLite handler rewrites a
// whole collection's rows to update one document, so writes slow down as collections grow; over
// PostgreSQL they stay constant. The server runs as a child of this process: it is stopped with us,
// and killed with us (Pdeathsig), so killing the engine kills both, as a crash would.

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
)

type postgres struct {
	cmd  *exec.Cmd
	port int
	// socketDir holds the server's Unix socket, which FerretDB uses when set (see startPostgres).
	socketDir string
	done      chan error
}

// findPostgresBin answers the bin directory of the newest PostgreSQL installed from Debian packages.
func findPostgresBin(given string) (string, error) {
	if given != "" {
		return given, nil
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/postgres")
	if len(matches) == 0 {
		return "", errors.New("no PostgreSQL server found under /usr/lib/postgresql (apt-get install postgresql)")
	}
	sort.Slice(matches, func(i, j int) bool {
		vi, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(matches[i]))))
		vj, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(matches[j]))))
		return vi > vj
	})
	return filepath.Dir(matches[0]), nil
}

// runAs makes a command run as the `postgres` user when we are root, since PostgreSQL refuses root.
func runAs(cmd *exec.Cmd, dataDir string) error {
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	if os.Geteuid() != 0 {
		return nil
	}
	account, err := user.Lookup("postgres")
	if err != nil {
		return fmt.Errorf("running as root needs the postgres user (apt-get install postgresql): %w", err)
	}
	uid, _ := strconv.Atoi(account.Uid)
	gid, _ := strconv.Atoi(account.Gid)
	cmd.SysProcAttr.Credential = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	if err := os.Chown(dataDir, uid, gid); err != nil {
		return err
	}
	// The postgres user must be able to pass through the folders above its data (never read them).
	for dir := filepath.Dir(dataDir); dir != "/" && dir != "."; dir = filepath.Dir(dir) {
		info, err := os.Stat(dir)
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o001 == 0 {
			if err := os.Chmod(dir, info.Mode().Perm()|0o001); err != nil {
				return err
			}
		}
	}
	return nil
}

func freeLoopbackPort() (int, error) {
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer listener.Close()
	return listener.Addr().(*net.TCPAddr).Port, nil
}

// startPostgres initialises dataDir on first use and starts the server on a free loopback port,
// returning once it accepts connections. Durability settings favour speed: this is a development
// and test engine, and its data is disposable.
func startPostgres(binDir, dataDir string, logFile *os.File) (*postgres, error) {
	if _, err := os.Stat(filepath.Join(dataDir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		initdb := exec.Command(filepath.Join(binDir, "initdb"), "-D", dataDir, "-A", "trust", "-U", "ferretdb", "-E", "UTF8", "--no-sync", "--locale=C")
		initdb.Stdout, initdb.Stderr = logFile, logFile
		if err := runAs(initdb, dataDir); err != nil {
			return nil, err
		}
		if err := initdb.Run(); err != nil {
			return nil, fmt.Errorf("initdb failed (see the engine log): %w", err)
		}
	}
	port, err := freeLoopbackPort()
	if err != nil {
		return nil, err
	}
	// FerretDB talks to PostgreSQL over a Unix socket in the data folder: several round trips per
	// command, each cheaper than over loopback TCP (no TCP/IP stack). TCP stays on for readiness and
	// psql. A path too long for a socket address (about 100 bytes) keeps FerretDB on TCP.
	socketDir := dataDir
	if len(filepath.Join(socketDir, ".s.PGSQL.65535")) > 100 {
		socketDir = ""
	}
	cmd := exec.Command(filepath.Join(binDir, "postgres"), "-D", dataDir, "-p", strconv.Itoa(port),
		"-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="+socketDir, "-c", "unix_socket_permissions=0700", "-c", "fsync=off",
		"-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200",
		"-c", "shared_buffers=128MB", "-c", "logging_collector=off",
		// FerretDB sends the field name as a parameter; only a plan made with its value can use an index.
		"-c", "plan_cache_mode=force_custom_plan")
	cmd.Stdout, cmd.Stderr = logFile, logFile
	if err := runAs(cmd, dataDir); err != nil {
		return nil, err
	}
	// A server killed with us may have left its pid file; it is stale once that process is gone.
	_ = os.Remove(filepath.Join(dataDir, "postmaster.pid"))
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	pg := &postgres{cmd: cmd, port: port, socketDir: socketDir, done: make(chan error, 1)}
	go func() { pg.done <- cmd.Wait() }()
	deadline := time.Now().Add(30 * time.Second)
	for {
		conn, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), 200*time.Millisecond)
		if err == nil {
			conn.Close()
			if err = indexDocumentIDs(pg.url()); err == nil {
				return pg, nil
			}
			if time.Now().After(deadline) {
				pg.stop(context.Background())
				return nil, fmt.Errorf("postgres: %w", err)
			}
		}
		select {
		case err := <-pg.done:
			return nil, fmt.Errorf("postgres exited during start (see the engine log): %v", err)
		default:
		}
		if time.Now().After(deadline) {
			pg.stop(context.Background())
			return nil, errors.New("postgres did not start within 30 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (pg *postgres) url() string {
	if pg.socketDir != "" {
		return fmt.Sprintf("postgres://ferretdb@/postgres?host=%s&port=%d", url.QueryEscape(pg.socketDir), pg.port)
	}
	return fmt.Sprintf("postgres://ferretdb@127.0.0.1:%d/postgres", pg.port)
}

// stop asks for a fast shutdown and waits for it, killing the server if it takes too long.
func (pg *postgres) stop(ctx context.Context) {
	_ = pg.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-pg.done:
	case <-time.After(10 * time.Second):
		_ = pg.cmd.Process.Kill()
		<-pg.done
	case <-ctx.Done():
	}
}

// FerretDB 1.x looks documents up with `_jsonb->'field' @> value`, which the btree indexes it creates
// (on `_jsonb->'field'`) cannot serve, so every read, update and delete scanned the whole table (250 ms
// by _id at 40k contacts). An event trigger gives each of those indexes a GIN twin on the same
// expressions, which does serve `@>`: `_id` of every collection and each field the application indexes.
//
// The twins are built without GIN's pending list (`fastupdate = off`): with it, writes are queued in a
// list that every lookup reads through in full, and under a steady stream of updates (each one adds
// index entries) that list made each `_id` lookup cost more than the rest of the query. Twins made by
// an older wrapper are switched over at start.
const indexDocumentIDsSQL = `
CREATE OR REPLACE FUNCTION public.omnibox_index_document_ids() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
DECLARE created record; position int; expression text;
BEGIN
  FOR created IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP
    CONTINUE WHEN created.schema_name = 'public' OR created.object_identity LIKE '%._ferretdb_%';
    IF created.command_tag = 'CREATE INDEX' AND created.object_type = 'index'
        AND created.object_identity NOT LIKE '%.omnibox\_%' THEN
      FOR position IN 1 .. (SELECT indnkeyatts FROM pg_index WHERE indexrelid = created.objid) LOOP
        expression := pg_get_indexdef(created.objid, position, true);
        CONTINUE WHEN expression NOT LIKE '(_jsonb -> %';
        EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON %s USING gin (%s) WITH (fastupdate = off)',
          'omnibox_field_' || md5((SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = created.objid) || expression),
          (SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = created.objid), expression);
      END LOOP;
    END IF;
  END LOOP;
END
$fn$;
DROP EVENT TRIGGER IF EXISTS omnibox_index_document_ids;
CREATE EVENT TRIGGER omnibox_index_document_ids ON ddl_command_end WHEN TAG IN ('CREATE INDEX')
  EXECUTE FUNCTION public.omnibox_index_document_ids();
DO $switch$
DECLARE twin record;
BEGIN
  FOR twin IN SELECT c.oid, c.oid::regclass::text AS name FROM pg_class c JOIN pg_am am ON am.oid = c.relam
      WHERE c.relkind = 'i' AND am.amname = 'gin' AND c.relname LIKE 'omnibox\_field\_%'
      AND NOT coalesce(c.reloptions @> ARRAY['fastupdate=off'], false) LOOP
    EXECUTE format('ALTER INDEX %s SET (fastupdate = off)', twin.name);
    PERFORM gin_clean_pending_list(twin.oid);
  END LOOP;
END
$switch$;
`

func indexDocumentIDs(url string) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, indexDocumentIDsSQL)
	return err
}
