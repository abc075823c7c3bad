package d

func bad()   {}
func worse() {}

func f() {
	bad() // want `bad call`

	//conclint:ignore probe the line below is fine
	bad()
	bad() //conclint:ignore probe/call this one too

	bad() //nolint:probe
	bad() // covered by the line above

	bad()   //nolint:probe/other // want `bad call`
	worse() //nolint:probe/other
	bad()   //nolint:lockio // want `bad call`
	bad()   //nolint

	//conclint:ignore probe // want `conclint:ignore needs a reason`
	bad() // want `bad call`

	//conclint:ignore probe,lockio both, with a reason
	worse()
	bad() // want `bad call`
}
