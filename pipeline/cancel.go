package pipeline

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/sfasync/sfasync"
)

// CancelUnfinished cancels on the server every step the run left
// [Unfinished] (its context ended while they ran) and waits, within ctx,
// for each to end. A step that ends canceled becomes [Canceled]; one that
// ended on its own first gets the status it ended with. Each step it
// settles so gets its Ended time and a [StepFinished] event with its new
// status through the run's [WithEvents] function, called from the
// goroutine that called CancelUnfinished, in the pipeline's order. A step
// it cannot settle (the cancel fails, or ctx ends before its end is
// known) stays Unfinished, with that failure added to its Err.
//
// It returns the names of the steps it canceled, in the pipeline's order,
// and the failures, each naming its step. [Run] does this itself under
// [CancelAll]; a program whose run was stopped by an interrupt calls it to
// stop what it started. It must not run at the same time as anything
// else that reads or writes r.
func (r *Result) CancelUnfinished(ctx context.Context) ([]string, error) {
	settled, err := r.settleUnfinished(ctx)
	var canceled []string
	for _, i := range settled {
		r.emit(r.finished(i, r.Steps[i].Ended))
		if r.Steps[i].Status == Canceled {
			canceled = append(canceled, r.Steps[i].Name)
		}
	}
	return canceled, err
}

// settleUnfinished is CancelUnfinished without the events: it returns the
// indexes of the steps whose status it changed, in the pipeline's order,
// and the failures, in the same order.
func (r *Result) settleUnfinished(ctx context.Context) ([]int, error) {
	var (
		mu      sync.Mutex
		changed = make([]bool, len(r.Steps))
		errs    = make([]error, len(r.Steps))
		wg      sync.WaitGroup
	)
	for i := range r.Steps {
		s := &r.Steps[i]
		if s.Status != Unfinished || s.Job == nil {
			continue
		}
		wg.Go(func() {
			var res *sfasync.Result
			err := s.Job.Cancel(ctx)
			settled := err == nil
			if !settled {
				err = fmt.Errorf("cancel: %w", err)
			} else if res, err = s.Job.Result(ctx); err != nil && !errors.Is(err, sfasync.ErrCanceled) && !isDone(s.Job) {
				settled = false
				err = fmt.Errorf("canceled, but its end is not known: %w", err)
			}
			mu.Lock()
			defer mu.Unlock()
			switch {
			case !settled: // it stays Unfinished
				s.Err = errors.Join(s.Err, err)
				errs[i] = fmt.Errorf("step %s: %w", s.Name, err)
				return
			case errors.Is(err, sfasync.ErrCanceled):
				s.Status, s.Err = Canceled, err
			case err == nil:
				s.Status, s.Err = Succeeded, nil
				s.RowsAffected, s.RowsReturned = res.RowsAffected, len(res.Rows)
			default: // it failed before the cancel reached it
				s.Status, s.Err = Failed, err
			}
			s.Ended = time.Now()
			changed[i] = true
		})
	}
	wg.Wait()
	var settled []int
	for i, c := range changed {
		if c {
			settled = append(settled, i)
		}
	}
	return settled, errors.Join(errs...)
}
