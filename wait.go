package sfasync

import (
	"context"
	"iter"
	"slices"
)

// WaitAll waits for every job and returns their results in the order of
// jobs, nil where a job failed. If any job failed, the error is a
// *[BatchError] whose Errs[i] is jobs[i]'s failure, naming its query ID: its
// message and errors.Is and errors.As see every failure, as with
// errors.Join, and errors.As gives per-job access. A nil job fails with
// [ErrNilJob].
//
// If ctx ends first, WaitAll returns at once: each job that had not ended
// fails with an error wrapping ctx's error. Those statements go on running
// unless the client was made [WithCancelOnAbandon], in which case they are
// canceled in the background.
func WaitAll(ctx context.Context, jobs ...*AsyncJob) ([]*Result, error) {
	results := make([]*Result, len(jobs))
	errs := make([]error, len(jobs))
	var unfinished []*AsyncJob
	// Watch every job before waiting for the first: an attached job is
	// watched only once someone waits for it, and waiting for N jobs must
	// cost about one job's round trips, not N.
	for _, j := range jobs {
		if j != nil {
			j.startWatch()
		}
	}
	for i, j := range jobs {
		if j == nil {
			errs[i] = errNilJob(i)
			continue
		}
		// Once ctx has ended, Result answers at once for every job: with its
		// outcome if it ended, else with ctx's error.
		results[i], errs[i] = j.Result(ctx)
		if errs[i] != nil && !j.finished() {
			unfinished = append(unfinished, j)
		}
	}
	abandon(unfinished)
	if slices.ContainsFunc(errs, func(err error) bool { return err != nil }) {
		return results, &BatchError{Errs: errs}
	}
	return results, nil
}

// abandon cancels, for clients made WithCancelOnAbandon, the jobs not yet
// finished; the cancels run in goroutines the client owns.
func abandon(jobs []*AsyncJob) {
	for _, j := range jobs {
		if j.finished() || !j.c.opts.cancelOnAbandon {
			continue
		}
		j.cancelInBackground("of an abandoned job")
	}
}

// Completed yields the jobs as they end, in the order they end, each with
// its failure (nil on success). It never yields a nil job: a nil in jobs is
// yielded first, as a job with no query ID that failed with [ErrNilJob]. If
// ctx ends first, it yields each job not yet yielded, in the order of jobs,
// with its failure if it has ended meanwhile and otherwise an error
// wrapping ctx's error, and stops; the unfinished statements go on unless
// the client was made [WithCancelOnAbandon]. Stopping the loop early is
// fine.
func Completed(ctx context.Context, jobs ...*AsyncJob) iter.Seq2[*AsyncJob, error] {
	return func(yield func(*AsyncJob, error) bool) {
		ch := make(chan *AsyncJob, len(jobs))
		all := make([]*AsyncJob, len(jobs))
		pending := make(map[*AsyncJob]int)
		for i, j := range jobs {
			if j == nil {
				j = nilJob(i)
			} else {
				j.startWatch()
			}
			all[i] = j
			j.subscribe(ch)
			pending[j]++
		}
		for n := len(jobs); n > 0; n-- {
			select {
			case j := <-ch:
				pending[j]--
				if !yield(j, j.failure()) {
					return
				}
			case <-ctx.Done():
				// Decide every job's error before canceling any: a cancel
				// may end a job before it is yielded, and it is still one
				// that Completed stopped waiting for.
				type left struct {
					j   *AsyncJob
					err error
				}
				var rest []left
				var unfinished []*AsyncJob
				for _, j := range all {
					if pending[j] == 0 {
						continue
					}
					pending[j]--
					if j.finished() {
						rest = append(rest, left{j, j.failure()})
						continue
					}
					rest = append(rest, left{j, errorf(j.id, "unfinished when Completed's context ended: %w", ctx.Err())})
					unfinished = append(unfinished, j)
				}
				abandon(unfinished)
				for _, l := range rest {
					if !yield(l.j, l.err) {
						return
					}
				}
				return
			}
		}
	}
}

// nilJob stands for a nil at index i of the jobs given to Completed: a job
// that has ended with errNilJob(i), whose methods need no client.
func nilJob(i int) *AsyncJob {
	j := &AsyncJob{done: make(chan struct{}), watching: true, out: outcome{err: errNilJob(i)}}
	close(j.done)
	return j
}
