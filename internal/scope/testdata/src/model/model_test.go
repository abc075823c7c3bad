package model

import "testing"

func TestHelper(t *testing.T) { helperForTests() }
