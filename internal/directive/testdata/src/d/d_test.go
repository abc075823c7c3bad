package d

func h() { bad() } // test files are skipped unless tests are included
