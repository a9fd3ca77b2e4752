// Command ferretdb runs FerretDB 1.24 through its embeddable package.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb` builds a binary whose
// version file is missing from the module and panics at start; embedding the
// `ferretdb` package avoids that and lets us pick the flags we need.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	handler := flag.String("handler", "sqlite", "storage backend: sqlite or postgresql")
	sqliteDir := flag.String("sqlite-dir", ".data/ferretdb", "directory for SQLite databases (sqlite backend)")
	postgresURL := flag.String("postgresql-url", "postgres://127.0.0.1:5432/ferretdb", "PostgreSQL URL (postgresql backend)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	exitOnStdinClose := flag.Bool("exit-on-stdin-close", false,
		"stop when standard input closes: a parent that holds the pipe takes this server down with it, however it dies")
	flag.Parse()

	var level slog.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fail("invalid -log-level %q: %v", *logLevel, err)
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	config := &ferretdb.Config{
		Listener: ferretdb.ListenerConfig{TCP: *listen},
		Logger:   logger,
		Handler:  *handler,
	}
	switch *handler {
	case "sqlite":
		dir, err := filepath.Abs(*sqliteDir)
		if err != nil {
			fail("invalid -sqlite-dir: %v", err)
		}
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fail("cannot create %s: %v", dir, err)
		}
		config.SQLiteURL = "file:" + dir + "/"
	case "postgresql":
		config.PostgreSQLURL = *postgresURL
	default:
		fail("invalid -handler %q: use sqlite or postgresql", *handler)
	}

	server, err := ferretdb.New(config)
	if err != nil {
		fail("cannot start FerretDB: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *exitOnStdinClose {
		go func() {
			_, _ = io.Copy(io.Discard, os.Stdin)
			logger.Info("standard input closed, stopping")
			stop()
		}()
	}

	logger.Info("FerretDB listening", "addr", *listen, "handler", *handler)
	if err := server.Run(ctx); err != nil {
		fail("FerretDB stopped: %v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "ferretdb: "+format+"\n", args...)
	os.Exit(1)
}
