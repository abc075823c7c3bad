package directive

import "testing"

func TestRoleOf(t *testing.T) {
	for _, c := range []struct {
		path, name, file string
		want             Role
	}{
		{"example.com/app/server", "server", "/src/server/server.go", Production},
		{"example.com/app/internal/testutil", "testutil", "/src/internal/testutil/srv.go", TestSupport},
		{"net/http/httptest", "httptest", "/go/src/net/http/httptest/server.go", TestSupport},
		{"code.gitea.io/gitea/routers/web/devtest", "devtest", "/g/routers/web/devtest/devtest.go", TestSupport},
		{"example.com/app/store/mocks", "mocks", "/src/store/mocks/store.go", TestSupport},
		{"example.com/app/store", "store", "/src/store/mock_store.go", TestSupport},
		{"example.com/app/store", "store", "/src/store/store_fake.go", TestSupport},
		{"example.com/app/store", "store", "/src/store/mockery.go", Production},
		{"example.com/app/latest", "latest", "/src/latest/latest.go", Production},
		{"example.com/app/examples/webhook", "main", "/src/examples/webhook/echo.go", Demo},
		{"example.com/app/examples/shop", "shop", "/src/examples/shop/shop.go", Production},
		{"example.com/app/cmd/server", "main", "/src/cmd/server/main.go", Production},
		{"example.com/app/cmd/dev/stevents", "main", "/src/cmd/dev/stevents/main.go", Demo},
		{"example.com/app/hack/gen", "main", "/src/hack/gen/main.go", Demo},
		{"example.com/app/cmd/devserver", "main", "/src/cmd/devserver/main.go", Production},
		{"example.com/app/dev/client", "client", "/src/dev/client/client.go", Production},
		{"example.com/app/util/eventbus/debug-demo", "main", "/src/util/eventbus/debug-demo/main.go", Demo},
		{"example.com/app/cmd/example_server", "main", "/src/cmd/example_server/main.go", Demo},
		{"example.com/app/cmd/resample-server", "main", "/src/cmd/resample-server/main.go", Production},
		{"example.com/app/debug-demo", "demo", "/src/debug-demo/demo.go", Production},
		{"example.com/app/integration/failpoint/cmd/runc-fp", "main", "/src/integration/failpoint/cmd/runc-fp/main.go", TestSupport},
		{"example.com/app/integrations/slack", "slack", "/src/integrations/slack/slack.go", Production},
		{"example.com/app/cmd/proxy-test-server", "main", "/src/cmd/proxy-test-server/main.go", TestSupport},
		{"example.com/app/cmd/contest-server", "main", "/src/cmd/contest-server/main.go", Production},
		{"example.com/app/docs/webhooks", "main", "/src/docs/webhooks/example.go", Demo},
		{"example.com/app/wgengine/bench", "main", "/src/wgengine/bench/bench.go", Demo},
		{"example.com/app/bench", "bench", "/src/bench/bench.go", Production},
		{"example.com/app/unmaintained/stress", "main", "/src/unmaintained/stress/main.go", Demo},
		{"example.com/app/unmaintained/stress", "stress", "/src/unmaintained/stress/stress.go", Production},
		{"example.com/app/notifier", "notifier", "/src/notifier/faker.go", TestSupport},
	} {
		if got := RoleOf(c.path, c.name, c.file); got != c.want {
			t.Errorf("RoleOf(%q, %q, %q) = %v, want %v", c.path, c.name, c.file, got, c.want)
		}
	}
}
