package pipeline

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/sfasync/sfasync"
)

// CancelUnfinished cancels on the server every step the run left
// [Unfinished] (its context ended while they ran) and waits, within ctx,
// for each to end: those that end canceled become [Canceled], and one that
// ended on its own first gets the status it ended with. It returns
// the names of the steps it canceled, in the pipeline's order, and the
// failures to cancel, each naming its step. [Run] calls it itself under
// [CancelAll]; a program stopped by an interrupt calls it to stop what it
// started.
func (r *Result) CancelUnfinished(ctx context.Context) ([]string, error) {
	var (
		mu       sync.Mutex
		canceled []string
		errs     []error
		wg       sync.WaitGroup
	)
	for i := range r.Steps {
		s := &r.Steps[i]
		if s.Status != Unfinished || s.Job == nil {
			continue
		}
		wg.Go(func() {
			if err := s.Job.Cancel(ctx); err != nil {
				mu.Lock()
				errs = append(errs, fmt.Errorf("step %s: cancel: %w", s.Name, err))
				mu.Unlock()
				return
			}
			res, err := s.Job.Result(ctx)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case errors.Is(err, sfasync.ErrCanceled):
				s.Status, s.Err, s.Ended = Canceled, err, time.Now()
				canceled = append(canceled, s.Name)
			case err == nil:
				s.Status, s.Err, s.Ended = Succeeded, nil, time.Now()
				s.RowsAffected, s.RowsReturned = res.RowsAffected, len(res.Rows)
			case isDone(s.Job):
				s.Status, s.Err, s.Ended = Failed, err, time.Now()
			default:
				errs = append(errs, fmt.Errorf("step %s: canceled, but its end is not known: %w", s.Name, err))
			}
		})
	}
	wg.Wait()
	slices.SortFunc(canceled, func(a, b string) int { return r.index[a] - r.index[b] })
	return canceled, errors.Join(errs...)
}
