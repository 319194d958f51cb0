package pipeline

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/sfasync/sfasync"
)

// cancelWait bounds how long a run spends canceling its steps under
// CancelAll.
const cancelWait = 30 * time.Second

// Run runs the pipeline through c and returns how every step went. Each
// step is submitted, named after itself ([sfasync.Statement.Name]), as soon
// as every step it comes after has succeeded; steps whose dependencies are
// met at the same time are submitted together, the ones with the longest
// chain of work after them first when [WithMaxInFlight] holds some back.
// When a step fails, the [Policy] says what follows.
//
// If ctx ends, Run stops submitting and returns once it has learned of
// every submission under way: steps not submitted are [NotRun], running
// ones [Unfinished] — and canceled on the server if c was made
// [sfasync.WithCancelOnAbandon] (in the background), or [Canceled] under
// [CancelAll], which cancels them ([Result.CancelUnfinished]) before Run
// returns. Either way each step gets one [StepFinished] event in Run, with
// the status it has when Run returns.
//
// The error is not about the steps (see [Result.Err]): Run fails only for
// a nil client or pipeline. Every goroutine it starts has ended when it
// returns.
func Run(ctx context.Context, c *sfasync.Client, p *Pipeline, opts ...RunOption) (*Result, error) {
	if c == nil || p == nil {
		return nil, errors.New("pipeline: Run needs a client and a pipeline")
	}
	cfg := runConfig{}
	for _, o := range opts {
		o(&cfg)
	}
	r := newRunner(c, p, cfg)
	r.run(ctx)
	return r.res, nil
}

// runner is one run's state, owned by the goroutine in run; the steps'
// goroutines only send on msgs.
type runner struct {
	c    *sfasync.Client
	p    *Pipeline
	cfg  runConfig
	res  *Result
	tail []time.Duration

	pending  []int  // per step, dependencies not yet succeeded
	ready    []int  // steps to submit, most urgent first
	inFlight int    // steps launched whose end is not known
	started  []bool // per step, launched
	stopped  bool   // submit nothing more
	held     []int  // steps left Unfinished under CancelAll, whose event waits for their cancel
	msgs     chan stepMsg
	wg       sync.WaitGroup
}

// stepMsg is what a step's goroutine reports: its submission, then its end.
type stepMsg struct {
	i     int
	at    time.Time
	job   *sfasync.AsyncJob // set on the submission report
	ended bool
	res   *sfasync.Result
	err   error
}

func newRunner(c *sfasync.Client, p *Pipeline, cfg runConfig) *runner {
	n := len(p.steps)
	r := &runner{c: c, p: p, cfg: cfg, pending: make([]int, n), started: make([]bool, n), msgs: make(chan stepMsg, 2*n),
		res: &Result{Steps: make([]StepResult, n), index: p.index, onEvent: cfg.onEvent}}
	r.tail = p.tails(func(i int) time.Duration { return max(p.steps[i].Estimate, time.Millisecond) })
	for i, s := range p.steps {
		r.res.Steps[i] = StepResult{Name: s.Name, After: slices.Clone(s.After)}
		r.pending[i] = len(p.after[i])
		if r.pending[i] == 0 {
			r.ready = append(r.ready, i)
		}
	}
	r.sortReady()
	return r
}

func (r *runner) run(ctx context.Context) {
	r.launch(ctx)
	done := ctx.Done()
	for r.inFlight > 0 {
		select {
		case m := <-r.msgs:
			r.handle(ctx, m)
			r.launch(ctx)
		case <-done:
			done = nil // the steps' waits end with it; collect what they report
			r.stop(ctx.Err().Error(), NotRun)
		}
	}
	if done != nil && ctx.Err() != nil && !r.stopped {
		// The context ended and its steps' waits reported before the loop
		// saw it: what was not submitted was still cut short by it.
		r.stop(ctx.Err().Error(), NotRun)
	}
	r.wg.Wait()
	if len(r.held) > 0 {
		cctx, cancel := context.WithTimeout(context.Background(), cancelWait)
		_, _ = r.res.settleUnfinished(cctx) // a failed cancel is added to the step's Err
		cancel()
		for _, i := range r.held {
			at := r.res.Steps[i].Ended
			if at.IsZero() {
				at = time.Now()
			}
			r.res.emit(r.res.finished(i, at))
		}
	}
	for i := range r.res.Steps {
		if r.res.Steps[i].Status == "" { // waiting for a step that stopped short
			r.finish(i, NotRun, "the run stopped before it", nil)
		}
	}
}

// launch submits ready steps while the bound allows.
func (r *runner) launch(ctx context.Context) {
	for !r.stopped && ctx.Err() == nil && len(r.ready) > 0 &&
		(r.cfg.maxInFlight == 0 || r.inFlight < r.cfg.maxInFlight) {
		i := r.ready[0]
		r.ready = r.ready[1:]
		r.inFlight++
		r.started[i] = true
		s := r.p.steps[i]
		st := sfasync.Statement{Name: s.Name, SQL: s.SQL, Args: s.Args, MultiStatement: s.MultiStatement, Timeout: s.Timeout}
		r.wg.Go(func() { r.runStep(ctx, i, st) })
	}
}

// runStep submits one step and waits for it, reporting both on msgs. The
// wait is WaitAll's, so WithCancelOnAbandon holds for it.
func (r *runner) runStep(ctx context.Context, i int, st sfasync.Statement) {
	jobs, err := r.c.SubmitAll(ctx, st)
	if err != nil {
		r.msgs <- stepMsg{i: i, at: time.Now(), ended: true, err: err}
		return
	}
	j := jobs[0]
	r.msgs <- stepMsg{i: i, at: time.Now(), job: j}
	res, err := sfasync.WaitAll(ctx, j)
	var be *sfasync.BatchError
	if errors.As(err, &be) {
		err = be.Errs[0]
	}
	r.msgs <- stepMsg{i: i, at: time.Now(), ended: true, res: res[0], err: err}
}

func (r *runner) handle(ctx context.Context, m stepMsg) {
	s := &r.res.Steps[m.i]
	if !m.ended {
		s.Job, s.QueryID, s.Submitted = m.job, m.job.QueryID(), m.at
		r.res.emit(Event{Kind: StepSubmitted, Step: s.Name, QueryID: s.QueryID, At: m.at})
		if r.stopped && r.cfg.policy == CancelAll && ctx.Err() == nil {
			r.cancel(m.job) // submitted while a failure stopped the run
		}
		return
	}
	r.inFlight--
	if s.Job != nil {
		s.Ended = m.at
	}
	switch {
	case m.err == nil:
		s.RowsAffected, s.RowsReturned = m.res.RowsAffected, len(m.res.Rows)
		r.finish(m.i, Succeeded, "", nil)
		for _, n := range r.p.next[m.i] {
			if r.pending[n]--; r.pending[n] == 0 && r.res.Steps[n].Status == "" {
				r.ready = append(r.ready, n)
			}
		}
		r.sortReady()
	case s.Job == nil && ctx.Err() != nil:
		r.finish(m.i, NotRun, ctx.Err().Error(), m.err) // its submission was cut short
	case s.Job != nil && (abandoned(ctx, m.err) || !isDone(s.Job)):
		// Its wait ended with the run's context: it was running then, even
		// if WithCancelOnAbandon's cancel has ended it since.
		s.Ended = time.Time{}
		if r.cfg.policy == CancelAll {
			// run cancels it once every wait has returned, then reports it.
			s.Status, s.Err = Unfinished, m.err
			r.held = append(r.held, m.i)
			return
		}
		r.finish(m.i, Unfinished, "", m.err)
	default:
		st := Failed
		if errors.Is(m.err, sfasync.ErrCanceled) {
			st = Canceled
		}
		r.finish(m.i, st, "", m.err)
		r.skipAfter(m.i)
		if r.cfg.policy == CancelAll && !r.stopped {
			r.stop(fmt.Sprintf("the run stopped: step %s %s", s.Name, map[Status]string{Failed: "failed", Canceled: "was canceled"}[st]), Canceled)
		}
	}
}

// abandoned reports whether a step's wait ended because the run's context
// did (err is the context's error), not because the step ended.
func abandoned(ctx context.Context, err error) bool {
	return ctx.Err() != nil && errors.Is(err, ctx.Err())
}

// isDone reports whether the client learned that j ended; for a job the
// client submitted this sends no request.
func isDone(j *sfasync.AsyncJob) bool {
	done, err := j.IsDone(context.Background())
	return err == nil && done
}

// skipAfter marks every step that comes after step i, directly or not, as
// skipped because of it.
func (r *runner) skipAfter(i int) {
	for _, n := range r.p.next[i] {
		if r.res.Steps[n].Status == "" {
			r.finish(n, Skipped, "step "+r.p.steps[i].Name+" did not succeed", nil)
			r.skipAfter(n)
		}
	}
}

// stop submits nothing more: every step not yet submitted gets status st
// with the cause why. Stopped by a failure under CancelAll (st Canceled),
// it cancels the running steps; when the run's context ends, run cancels
// them once their waits have returned (as Result.CancelUnfinished does).
func (r *runner) stop(why string, st Status) {
	r.stopped = true
	r.ready = nil
	for i := range r.res.Steps {
		if r.res.Steps[i].Status == "" && !r.started[i] {
			r.finish(i, st, why, nil)
		}
	}
	if r.cfg.policy == CancelAll && st == Canceled {
		r.cancelRunning()
	}
}

// cancelRunning cancels, on the server, every step submitted and not
// ended; their goroutines then report them canceled.
func (r *runner) cancelRunning() {
	for i := range r.res.Steps {
		if s := r.res.Steps[i]; s.Job != nil && s.Status == "" {
			r.cancel(s.Job)
		}
	}
}

// cancel cancels j on the server in a goroutine of the run; the step's own
// wait reports the outcome.
func (r *runner) cancel(j *sfasync.AsyncJob) {
	r.wg.Go(func() {
		ctx, cancel := context.WithTimeout(context.Background(), cancelWait)
		defer cancel()
		_ = j.Cancel(ctx)
	})
}

// finish gives step i its status at the end of the run and reports it.
func (r *runner) finish(i int, st Status, cause string, err error) {
	s := &r.res.Steps[i]
	s.Status, s.Cause, s.Err = st, cause, err
	r.res.emit(r.res.finished(i, time.Now()))
}

// sortReady puts the ready steps with the longest tail of work first, then
// in the order given to New.
func (r *runner) sortReady() {
	slices.SortStableFunc(r.ready, func(a, b int) int {
		if c := cmp.Compare(r.tail[b], r.tail[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
}
