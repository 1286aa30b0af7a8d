package blas

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// The worker pool: helper goroutines started once and kept, so that a call
// pays a channel hand-off (microseconds) rather than goroutine start-up.
// One call at a time drives the helpers; it holds pool.mu for the duration.
// A call that finds the pool busy (a nested call from inside a parallel
// loop, or a concurrent call from another goroutine) runs single-threaded
// on its own goroutine instead of waiting, which cannot deadlock and gives
// the same bits, since no result depends on the number of threads.

type workerPool struct {
	mu       sync.Mutex // held by the call driving the helpers
	threads  atomic.Int32
	helpers  []chan func(int) // helper i runs as worker i+1
	slots    []*helperSlot    // helper i's hand-off while it spins
	done     sync.WaitGroup
	pending  atomic.Int32        // helpers still running the current job
	panicked atomic.Pointer[any] // first panic of a helper in the current run
}

// A helper that has just finished a job spins for a while (helperSpin)
// before blocking on its channel, and a job that finds it spinning is
// handed over through its slot instead: waking a blocked goroutine costs
// its OS thread a wake-up (tens of microseconds, more for an idle virtual
// CPU), which small back-to-back products (a training step's GEMMs, a
// benchmark loop) would otherwise pay on every call.
type helperSlot struct {
	state atomic.Int32 // slotIdle, slotSpinning, slotClaimed, slotFull
	job   func(int)
}

const (
	slotIdle     = iota // blocked on the channel, or running a job
	slotSpinning        // waiting in the slot
	slotClaimed         // a caller is writing job
	slotFull            // job is ready
)

// helperSpin is how long a helper waits in its slot after a job.
const helperSpin = 200 * time.Microsecond

var pool workerPool

func init() { pool.resize(runtime.GOMAXPROCS(0)) }

// SetThreads sets the number of threads the package uses (the caller
// included) and returns the previous value. n <= 0 means GOMAXPROCS.
// It waits for the call in progress, if any, to finish, so it must not be
// called from inside a ParallelFor or SumTree function.
func SetThreads(n int) int {
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	pool.mu.Lock()
	defer pool.mu.Unlock()
	old := int(pool.threads.Load())
	pool.resize(n)
	return old
}

// Threads returns the number of threads the package uses.
func Threads() int { return int(pool.threads.Load()) }

// resize starts or stops helpers so that n threads run; mu must be held
// (or the pool not yet shared).
func (p *workerPool) resize(n int) {
	for len(p.helpers) > n-1 {
		last := len(p.helpers) - 1
		close(p.helpers[last])
		p.helpers = p.helpers[:last]
		p.slots = p.slots[:last]
	}
	for len(p.helpers) < n-1 {
		ch := make(chan func(int))
		slot := new(helperSlot)
		id := len(p.helpers) + 1
		p.helpers = append(p.helpers, ch)
		p.slots = append(p.slots, slot)
		go p.helper(id, ch, slot)
	}
	p.threads.Store(int32(n))
}

func (p *workerPool) helper(id int, jobs chan func(int), slot *helperSlot) {
	for fn := range jobs {
		p.runHelper(id, fn)
		for {
			fn = slot.wait()
			if fn == nil {
				break
			}
			p.runHelper(id, fn)
		}
	}
}

// wait spins in the slot for up to helperSpin and returns the job handed
// over, or nil (the slot idle again) if none came.
func (s *helperSlot) wait() func(int) {
	s.state.Store(slotSpinning)
	start := time.Now()
	for i := 1; ; i++ {
		if s.state.Load() == slotFull {
			break
		}
		if i%64 == 0 {
			if time.Since(start) > helperSpin && s.state.CompareAndSwap(slotSpinning, slotIdle) {
				return nil
			}
			runtime.Gosched()
		}
	}
	fn := s.job
	s.job = nil
	s.state.Store(slotIdle)
	return fn
}

// give hands fn to a spinning helper and reports whether it took it.
func (s *helperSlot) give(fn func(int)) bool {
	if !s.state.CompareAndSwap(slotSpinning, slotClaimed) {
		return false
	}
	s.job = fn
	s.state.Store(slotFull)
	return true
}

// runHelper runs one job; a panic is kept for run to raise on the calling
// goroutine, where it can be recovered, instead of killing the process.
func (p *workerPool) runHelper(id int, fn func(int)) {
	defer func() {
		if r := recover(); r != nil {
			p.panicked.CompareAndSwap(nil, &r)
		}
		p.done.Done()
		p.pending.Add(-1) // after Done: a caller that sees 0 finds done at 0 too
	}()
	fn(id)
}

// acquire returns the number of threads, at most want, the caller may use:
// more than one only if it got the pool, in which case it must call
// release. A result of 1 means "run alone, release nothing".
func (p *workerPool) acquire(want int) int {
	if want <= 1 || p.threads.Load() <= 1 || !p.mu.TryLock() {
		return 1
	}
	t := min(want, int(p.threads.Load()))
	if t <= 1 {
		p.mu.Unlock()
		return 1
	}
	return t
}

func (p *workerPool) release(t int) {
	if t > 1 {
		p.mu.Unlock()
	}
}

// run calls fn(w) for w in [0, t) concurrently, fn(0) on the calling
// goroutine, and returns when all have returned. The caller must hold the
// pool (acquire returned t > 1).
//
// A panic in any fn(w) reaches the caller once all have returned.
func (p *workerPool) run(t int, fn func(w int)) {
	p.done.Add(t - 1)
	p.pending.Store(int32(t - 1))
	for w := 1; w < t; w++ {
		if !p.slots[w-1].give(fn) {
			p.helpers[w-1] <- fn
		}
	}
	defer func() {
		if r := p.panicked.Swap(nil); r != nil {
			panic(*r)
		}
	}()
	defer p.wait() // even if fn(0) panics: the helpers use shared state
	fn(0)
}

// wait returns when the helpers of the current run have finished. It spins
// for up to helperSpin before blocking, as the helpers do between jobs: a
// caller that blocks hands its OS thread to the kernel, and on a virtual
// machine the wake-up of an idle virtual CPU takes tens of microseconds,
// which small back-to-back products would pay on every call (256^3 on 2
// threads: 155-174 GFLOP/s blocking at once, 184-188 spinning first).
func (p *workerPool) wait() {
	start := time.Now()
	for i := 1; p.pending.Load() > 0; i++ {
		if i%64 == 0 {
			if time.Since(start) > helperSpin {
				break
			}
			runtime.Gosched()
		}
	}
	p.done.Wait()
}

// ParallelFor calls fn(i) for every i in [0, n), spreading the calls over
// the worker pool (dynamically: fn must not care which goroutine runs it or
// in which order). It returns when all calls have returned. fn may call
// Sgemm and the other functions of this package, which then run
// single-threaded.
func ParallelFor(n int, fn func(i int)) {
	t := pool.acquire(n)
	if t == 1 {
		for i := 0; i < n; i++ {
			fn(i)
		}
		return
	}
	defer pool.release(t)
	var next atomic.Int64
	pool.run(t, func(int) {
		for {
			i := int(next.Add(1) - 1)
			if i >= n {
				return
			}
			fn(i)
		}
	})
}

// barrier is a reusable barrier for the t workers of one call. It spins
// first: the workers are about to run for much longer than the wait, and a
// parked goroutine takes tens of microseconds to wake. Then it yields to
// the Go scheduler, so that more workers than cores (SetThreads above
// GOMAXPROCS) make progress, and at last it sleeps on a condition
// variable, so that a worker the OS has descheduled on a busy machine does
// not leave the others burning their cores.
type barrier struct {
	n     int32
	count atomic.Int32
	gen   atomic.Uint32
	mu    sync.Mutex
	cond  *sync.Cond
}

func (b *barrier) wait() {
	if b.n <= 1 {
		return
	}
	g := b.gen.Load()
	if b.count.Add(1) == b.n {
		b.count.Store(0)
		b.mu.Lock()
		b.gen.Add(1)
		if b.cond != nil {
			b.cond.Broadcast()
		}
		b.mu.Unlock()
		return
	}
	for i := 0; i < 4000; i++ {
		if b.gen.Load() != g {
			return
		}
		if i >= 200 {
			runtime.Gosched()
		}
	}
	b.mu.Lock()
	if b.cond == nil {
		b.cond = sync.NewCond(&b.mu)
	}
	for b.gen.Load() == g {
		b.cond.Wait()
	}
	b.mu.Unlock()
}
