// Package lib is another module: its drops are its authors' to fix.
package lib

import (
	"context"
	"database/sql"
)

func Flag(db *sql.DB) bool { // want Flag:`drops context: calls context.TODO`
	return db.PingContext(context.TODO()) == nil
}
