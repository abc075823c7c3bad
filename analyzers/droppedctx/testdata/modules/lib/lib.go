// Package lib is another module, required at a version: a dependency of
// the module being checked. Its drops are its authors' to fix, so it gets
// neither facts nor reports, even when named on the command line.
package lib

import (
	"context"
	"database/sql"
)

func Flag(db *sql.DB) bool { // ok: no fact in a dependency
	return db.PingContext(context.TODO()) == nil
}

func Handle(ctx context.Context, db *sql.DB) {
	_ = db.PingContext(context.Background()) // ok: a dependency's code
}
