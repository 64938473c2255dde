// Command ferretdb runs FerretDB 1.x, a MongoDB wire protocol server over PostgreSQL (a private server
// it starts itself with -postgres-data) or SQLite,
// for local development and tests. It embeds FerretDB's library package instead of building its
// own command, whose version check needs files that only FerretDB's release tooling generates.
// The embedded server never starts telemetry.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	_ "net/http/pprof" // served only with -debug-addr
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listenAddr := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on (keep it on loopback)")
	handler := flag.String("handler", "sqlite", "storage backend: sqlite or postgresql")
	sqliteURL := flag.String("sqlite-url", "file:data/", "SQLite URI of the data directory (with trailing slash)")
	postgresURL := flag.String("postgresql-url", "", "PostgreSQL URL, for the postgresql handler (or use -postgres-data)")
	postgresData := flag.String("postgres-data", "", "run a private PostgreSQL on this data folder for the postgresql handler")
	postgresBin := flag.String("postgres-bin", "", "bin folder of PostgreSQL (default: newest under /usr/lib/postgresql)")
	logLevel := flag.String("log-level", "warn", "debug, info, warn or error")
	debugAddr := flag.String("debug-addr", "", "serve Go's profiler (/debug/pprof/) on this loopback address; off when empty")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: bad -log-level %q: %v\n", *logLevel, err)
		os.Exit(2)
	}
	logger := slog.New(slog.NewJSONHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	if *debugAddr != "" {
		if err := serveProfiler(*debugAddr); err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: -debug-addr: %v\n", err)
			os.Exit(2)
		}
	}

	var pg *postgres
	if *handler == "postgresql" && *postgresData != "" {
		binDir, err := findPostgresBin(*postgresBin)
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
			os.Exit(1)
		}
		dataDir, _ := filepath.Abs(*postgresData)
		pg, err = startPostgres(binDir, dataDir, os.Stderr)
		if err != nil {
			fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
			os.Exit(1)
		}
		*postgresURL = pg.url()
	}

	server, err := ferretdb.New(&ferretdb.Config{
		Listener:      ferretdb.ListenerConfig{TCP: *listenAddr},
		Logger:        logger,
		Handler:       *handler,
		SQLiteURL:     *sqliteURL,
		PostgreSQLURL: *postgresURL,
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", err)
		if pg != nil {
			pg.stop(context.Background())
		}
		os.Exit(1)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	logger.Info("ferretdb listening", "addr", *listenAddr, "handler", *handler)
	runErr := server.Run(ctx)
	if pg != nil {
		pg.stop(context.Background())
	}
	if runErr != nil && ctx.Err() == nil {
		fmt.Fprintf(os.Stderr, "ferretdb: %v\n", runErr)
		os.Exit(1)
	}
}

// serveProfiler serves net/http/pprof's handlers on a loopback address, to see where FerretDB's own
// CPU goes under a benchmark (go tool pprof http://<addr>/debug/pprof/profile?seconds=30).
func serveProfiler(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("%q is not a loopback address", addr)
	}
	listener, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	go func() { _ = http.Serve(listener, nil) }()
	return nil
}
