// Package old is compiled at Go 1.20, before context.WithoutCancel.
package old

import (
	"context"
	"database/sql"
	"net/http"
)

func handler(w http.ResponseWriter, r *http.Request, db *sql.DB) {
	_ = db.PingContext(context.Background()) // want `context.Background discards the context in scope \(r.Context\(\)\), so cancellation and deadlines stop here; pass r.Context\(\)$`
	go db.PingContext(r.Context())           // want `the handler does not wait for it; wait before returning$`
}
