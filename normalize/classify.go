package normalize

// functionCode resolves a function-classification name or name chain to its
// code; economicCode an economic-classification item name.
func functionCode(label string) (string, bool) { return "", false }

func economicCode(label string) (string, bool) { return "", false }
