// Command ferretdb runs FerretDB 1.24 through its embeddable package.
//
// `go install github.com/FerretDB/FerretDB/cmd/ferretdb` builds a binary whose
// version file is missing from the module and panics at start; embedding the
// `ferretdb` package avoids that and lets us pick the flags we need.
package main

import (
	"context"
	"database/sql/driver"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"reflect"
	"sync"
	"syscall"
	"unsafe"

	"github.com/FerretDB/FerretDB/ferretdb"
	"modernc.org/libc"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

func main() {
	listen := flag.String("listen-addr", "127.0.0.1:27017", "TCP address to listen on")
	handler := flag.String("handler", "sqlite", "storage backend: sqlite or postgresql")
	sqliteDir := flag.String("sqlite-dir", ".data/ferretdb", "directory for SQLite databases (sqlite backend)")
	postgresURL := flag.String("postgresql-url", "postgres://127.0.0.1:5432/ferretdb", "PostgreSQL URL (postgresql backend)")
	logLevel := flag.String("log-level", "warn", "log level: debug, info, warn or error")
	sqliteSync := flag.String("sqlite-synchronous", "normal",
		"SQLite synchronous pragma: off, normal, full or extra; full (SQLite's default) syncs the WAL on every commit, "+
			"normal only at checkpoints, so an OS crash or power cut may lose the last commits (a process crash loses none)")
	sqliteIDIndex := flag.Bool("sqlite-id-index", true,
		"index the expression FerretDB's SQLite backend filters _id by, so finds and updates by _id stop scanning the collection")
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
		switch *sqliteSync {
		case "off", "normal", "full", "extra":
		default:
			fail("invalid -sqlite-synchronous %q: use off, normal, full or extra", *sqliteSync)
		}
		// FerretDB keeps unknown _pragma values and only adds its own defaults
		// (busy_timeout(10000), journal_mode(wal), auto_vacuum(none)).
		query := url.Values{"_pragma": {"synchronous(" + *sqliteSync + ")"}}
		config.SQLiteURL = "file:" + dir + "/?" + query.Encode()
		if *sqliteIDIndex {
			idIndexLogger = logger
			sqlite.RegisterConnectionHook(idIndexConnectionHook)
		}
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

// FerretDB 1.24's SQLite backend looks documents up by _id with
// `WHERE _ferretdb_sjson->'$._id' = ?` (internal/backends/sqlite/collection.go)
// but creates its unique _id index on `_ferretdb_sjson->"_id"`
// (internal/backends/sqlite/metadata/registry.go). SQLite matches index
// expressions textually, so that index is never used and every find, update or
// delete by _id scans the whole table. We add an index on the exact expression
// the queries use: when FerretDB creates a collection's _id index (on the same
// connection, right after that commit) and, for data created before, whenever
// a connection opens.

const (
	// FerretDB names indexes "<table>_<index>", tables after collections, and
	// reserves "_ferretdb_" (backends/validation.go), so no clash in practice.
	idIndexPrefix = "_ferretdb_id_"

	// FerretDB's own _id index is "<table>_" + "_id_".
	ferretIDIndexSuffix = "__id_"
)

var (
	idIndexLogger *slog.Logger

	// Tables whose _id index was prepared on a connection (key: sqlite3*) and
	// that still need ours; taken by the WAL hook after the next commit.
	pendingMu sync.Mutex
	pending   = map[uintptr][]string{}
)

func idIndexSQL(table string) string {
	// %q quotes the table the way FerretDB does.
	return fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, idIndexPrefix+table, table)
}

// idIndexConnectionHook runs on every new SQLite connection before FerretDB uses it.
func idIndexConnectionHook(conn sqlite.ExecQuerierContext, _ string) error {
	ctx := context.Background()
	if err := backfillIDIndexes(ctx, conn); err != nil {
		idIndexLogger.Warn("cannot add _id lookup indexes", "error", err)
	}
	if err := installIDIndexHooks(conn); err != nil {
		idIndexLogger.Warn("cannot watch for new collections; their _id lookup index is added at the next start", "error", err)
	}
	return nil // never fail FerretDB's connection
}

// backfillIDIndexes adds the index to existing collection tables that lack it.
func backfillIDIndexes(ctx context.Context, conn sqlite.ExecQuerierContext) error {
	tables, err := queryStrings(ctx, conn,
		`SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_ferretdb_collections'`)
	if err != nil || len(tables) == 0 {
		return err
	}
	missing, err := queryStrings(ctx, conn, `SELECT c.table_name FROM _ferretdb_collections c
		JOIN sqlite_master t ON t.type = 'table' AND t.name = c.table_name
		WHERE NOT EXISTS (SELECT 1 FROM sqlite_master i WHERE i.type = 'index' AND i.name = ? || c.table_name)`,
		idIndexPrefix)
	if err != nil {
		return err
	}
	for _, table := range missing {
		if _, err := conn.ExecContext(ctx, idIndexSQL(table), nil); err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		idIndexLogger.Info("added _id lookup index", "table", table)
	}
	return nil
}

func queryStrings(ctx context.Context, conn sqlite.ExecQuerierContext, query string, args ...any) ([]string, error) {
	named := make([]driver.NamedValue, len(args))
	for i, a := range args {
		named[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	rows, err := conn.QueryContext(ctx, query, named)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var res []string
	row := make([]driver.Value, 1)
	for {
		if err := rows.Next(row); err != nil {
			if errors.Is(err, io.EOF) {
				return res, nil
			}
			return nil, err
		}
		s, _ := row[0].(string)
		res = append(res, s)
	}
}

// installIDIndexHooks sets an authorizer (to spot FerretDB creating a _id index)
// and a WAL hook (to add ours after that commit) on the raw sqlite3 handle.
// modernc.org/sqlite does not expose these hooks, so the handle is read from
// its unexported conn fields; if they change, we only log and fall back to the
// backfill above.
func installIDIndexHooks(conn sqlite.ExecQuerierContext) error {
	v := reflect.ValueOf(conn)
	if v.Kind() != reflect.Pointer || v.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("unexpected connection type %T", conn)
	}
	dbField, tlsField := v.Elem().FieldByName("db"), v.Elem().FieldByName("tls")
	if !dbField.IsValid() || dbField.Kind() != reflect.Uintptr ||
		!tlsField.IsValid() || tlsField.Type() != reflect.TypeOf((*libc.TLS)(nil)) {
		return fmt.Errorf("unexpected fields in %T", conn)
	}
	db := uintptr(dbField.Uint())
	tls := (*libc.TLS)(tlsField.UnsafePointer())
	if db == 0 || tls == nil {
		return fmt.Errorf("connection %T is not open", conn)
	}

	pendingMu.Lock()
	delete(pending, db) // a closed connection's handle may be reused
	pendingMu.Unlock()

	sqlite3.Xsqlite3_set_authorizer(tls, db, cFuncPointer(idIndexAuthorizer), db)
	// Ours replaces SQLite's auto-checkpoint WAL hook, so it takes over that
	// hook's argument (the checkpoint threshold) and its job.
	threshold := sqlite3.Xsqlite3_wal_hook(tls, db, 0, 0)
	if threshold == 0 {
		threshold = sqlite3.SQLITE_DEFAULT_WAL_AUTOCHECKPOINT
	}
	sqlite3.Xsqlite3_wal_hook(tls, db, cFuncPointer(idIndexWALHook), threshold)
	return nil
}

// idIndexAuthorizer is SQLite's authorizer callback (run while statements are
// prepared; it must not touch the connection, so it only takes notes).
func idIndexAuthorizer(_ *libc.TLS, db uintptr, action int32, arg1, arg2, _, _ uintptr) int32 {
	if action == sqlite3.SQLITE_CREATE_INDEX && arg1 != 0 && arg2 != 0 {
		index, table := libc.GoString(arg1), libc.GoString(arg2)
		if index == table+ferretIDIndexSuffix {
			pendingMu.Lock()
			pending[db] = append(pending[db], table)
			pendingMu.Unlock()
		}
	}
	return sqlite3.SQLITE_OK
}

// idIndexWALHook is SQLite's WAL hook: it runs after each commit, with the
// write lock released, and may write to the database.
func idIndexWALHook(tls *libc.TLS, threshold, db, zDB uintptr, frames int32) int32 {
	pendingMu.Lock()
	tables := pending[db]
	delete(pending, db)
	pendingMu.Unlock()

	for _, table := range tables {
		if err := execSQL(tls, db, idIndexSQL(table)); err != nil {
			idIndexLogger.Warn("cannot add _id lookup index; it is added at the next start", "table", table, "error", err)
		}
	}

	if frames >= int32(threshold) {
		sqlite3.Xsqlite3_wal_checkpoint(tls, db, zDB)
	}
	return sqlite3.SQLITE_OK
}

func execSQL(tls *libc.TLS, db uintptr, query string) error {
	cQuery, err := libc.CString(query)
	if err != nil {
		return err
	}
	defer libc.Xfree(tls, cQuery)
	if rc := sqlite3.Xsqlite3_exec(tls, db, cQuery, 0, 0, 0); rc != sqlite3.SQLITE_OK {
		return fmt.Errorf("%s (SQLite code %d)", libc.GoString(sqlite3.Xsqlite3_errmsg(tls, db)), rc)
	}
	return nil
}

// cFuncPointer turns a top-level Go function into a callback pointer for
// modernc's translated C (same as modernc.org/sqlite's own cFuncPointer).
func cFuncPointer[T any](f T) uintptr {
	return *(*uintptr)(unsafe.Pointer(&struct{ f T }{f}))
}
