package sftest

// peak is the most slots ever taken at once (the benchmarks report it).
func (w *warehouse) peak() int {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.maxSeen
}
