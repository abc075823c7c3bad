package directives

import (
	"context"
	"database/sql"
)

func suppressed(ctx context.Context, db *sql.DB) {
	_ = db.Ping() //conclint:ignore droppedctx the health probe must not be canceled

	//conclint:ignore droppedctx,lockio shared with another analyzer
	_ = db.Ping()

	_ = db.Ping() //nolint:droppedctx // golangci-lint's form

	_ = db.Ping() //nolint:unboundedgo // names another analyzer // want `DB.Ping ignores`

	_ = db.Ping() //conclint:ignore droppedctx // want `conclint:ignore needs a reason` `DB.Ping ignores`

	_ = db.Ping() //conclint:ignore droppedctx/variant the rule of this finding

	_ = db.Ping() //nolint:droppedctx/variant // the rule, golangci-lint's form

	_ = db.Ping() //conclint:ignore droppedctx/background another rule of the analyzer // want `DB.Ping ignores`

	_ = db.Ping() //nolint:lockio/relock // a rule of another analyzer // want `DB.Ping ignores`
}
