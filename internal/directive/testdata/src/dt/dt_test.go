package dt

func h() {
	bad() // want `bad call`
}
