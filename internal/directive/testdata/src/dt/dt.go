package dt

func bad() {}
