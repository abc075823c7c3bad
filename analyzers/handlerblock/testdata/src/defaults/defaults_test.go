package defaults

import "testing"

func TestMain(m *testing.M) {
	testProgram()
	m.Run()
}
