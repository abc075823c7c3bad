package extra

import (
	"net/http"

	"example.com/db"
)

func handler(w http.ResponseWriter, r *http.Request) {
	p := db.Open("inventory") // want `db.Pool \(db.Open\) built per request`
	_ = p.Query("SELECT 1")
}
