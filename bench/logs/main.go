// logs: the log analyzer workload of bench/logs.sh on Go's side. It reads log files, parses each
// line into an Entry, explodes every entry that is not DEBUG into keys (level=, service=, and
// path= for a 5xx status) and counts the keys, either as a pipeline of goroutines over unbuffered
// channels in the style of the Go blog's "Pipelines and cancellation" (a done channel, every send
// in a select with <-done, each stage closing its out channel, a WaitGroup merge after the
// parallel stage) or as one plain sequential loop over the same functions. It also writes the
// synthetic input, deterministic for a seed. Standard library only (Go 1.19).
//
//	logs -generate -lines N -seed S FILE         writes N lines to FILE
//	logs -mode pipeline -rounds R FILE...        read -> parse x4 -> merge -> explode -> count
//	logs -mode loop -rounds R FILE...            read, parse, explode, count in one loop
//
// Each round does the whole work from opening the files on and prints "round i s=SECONDS"; the
// last line is "go logs mode=M best s=SECONDS keys=DISTINCT total=COUNT", best being the fastest
// round and keys/total coming from the last round's counts, so that runs can be checked to agree.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// parsers is the number of parse goroutines in the pipeline.
const parsers = 4

// Entry is one parsed log line.
type Entry struct {
	Timestamp, Level, Service, Path string
	Status, Latency                 int
}

// parse splits line on single spaces into its six fields; a malformed line panics.
func parse(line string) Entry {
	f := strings.Split(line, " ")
	if len(f) != 6 {
		panic(fmt.Sprintf("malformed log line (want 6 fields, got %d): %q", len(f), line))
	}
	status, err := strconv.Atoi(f[4])
	if err != nil {
		panic(fmt.Sprintf("malformed status in %q: %v", line, err))
	}
	latency, err := strconv.Atoi(f[5])
	if err != nil {
		panic(fmt.Sprintf("malformed latency in %q: %v", line, err))
	}
	return Entry{Timestamp: f[0], Level: f[1], Service: f[2], Path: f[3], Status: status, Latency: latency}
}

// explode appends e's keys to keys and returns the slice: none for DEBUG, else level= and
// service=, and path= when the status is 500 or more.
func explode(e Entry, keys []string) []string {
	if e.Level == "DEBUG" {
		return keys
	}
	keys = append(keys, "level="+e.Level, "service="+e.Service)
	if e.Status >= 500 {
		keys = append(keys, "path="+e.Path)
	}
	return keys
}

// readLines calls line with each line of the files, in order, until it returns false.
func readLines(files []string, line func(string) bool) error {
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if !line(sc.Text()) {
				f.Close()
				return nil
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// --- the pipeline ---

// read sends each line of the files, in order; its error, if any, arrives on errc once out is
// closed.
func read(done <-chan struct{}, files []string) (<-chan string, <-chan error) {
	out := make(chan string)
	errc := make(chan error, 1)
	go func() {
		defer close(out)
		errc <- readLines(files, func(line string) bool {
			select {
			case out <- line:
				return true
			case <-done:
				return false
			}
		})
	}()
	return out, errc
}

// parseStage sends each line of in as an Entry.
func parseStage(done <-chan struct{}, in <-chan string) <-chan Entry {
	out := make(chan Entry)
	go func() {
		defer close(out)
		for line := range in {
			select {
			case out <- parse(line):
			case <-done:
				return
			}
		}
	}()
	return out
}

// merge sends every Entry of cs on one channel, closed once all of cs are.
func merge(done <-chan struct{}, cs ...<-chan Entry) <-chan Entry {
	var wg sync.WaitGroup
	out := make(chan Entry)
	output := func(c <-chan Entry) {
		defer wg.Done()
		for e := range c {
			select {
			case out <- e:
			case <-done:
				return
			}
		}
	}
	wg.Add(len(cs))
	for _, c := range cs {
		go output(c)
	}
	go func() { wg.Wait(); close(out) }()
	return out
}

// explodeStage sends the keys of each Entry of in.
func explodeStage(done <-chan struct{}, in <-chan Entry) <-chan string {
	out := make(chan string)
	go func() {
		defer close(out)
		var keys []string
		for e := range in {
			keys = explode(e, keys[:0])
			for _, k := range keys {
				select {
				case out <- k:
				case <-done:
					return
				}
			}
		}
	}()
	return out
}

func pipelineRound(files []string) (map[string]int64, error) {
	done := make(chan struct{})
	defer close(done)
	lines, errc := read(done, files)
	cs := make([]<-chan Entry, parsers)
	for i := range cs {
		cs[i] = parseStage(done, lines)
	}
	counts := make(map[string]int64)
	for k := range explodeStage(done, merge(done, cs...)) {
		counts[k]++
	}
	return counts, <-errc
}

// --- the loop ---

func loopRound(files []string) (map[string]int64, error) {
	counts := make(map[string]int64)
	var keys []string
	err := readLines(files, func(line string) bool {
		keys = explode(parse(line), keys[:0])
		for _, k := range keys {
			counts[k]++
		}
		return true
	})
	return counts, err
}

// --- the input ---

// rng is xorshift64, so that a seed gives the same file whatever Go's math/rand does.
type rng struct{ x uint64 }

func newRNG(seed uint64) *rng {
	x := seed*0x9E3779B97F4A7C15 + 0x2545F4914F6CDD1D // never 0 for small seeds
	if x == 0 {
		x = 1
	}
	return &rng{x}
}

func (r *rng) next() uint64 {
	r.x ^= r.x << 13
	r.x ^= r.x >> 7
	r.x ^= r.x << 17
	return r.x
}

// intn returns a number in [0, n).
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

var (
	services  = []string{"billing", "search", "auth", "cart", "checkout", "catalog", "inventory", "shipping", "payments", "users", "reviews", "notifications"}
	resources = []string{"items", "orders", "users", "carts", "sessions", "products", "prices", "invoices", "payments", "shipments", "addresses", "reviews", "ratings", "coupons", "wishlists", "categories", "stores", "stock", "tokens", "events"}
)

// level: DEBUG 25%, INFO 55%, WARN 12%, ERROR 8%.
func level(r *rng) string {
	switch p := r.intn(100); {
	case p < 25:
		return "DEBUG"
	case p < 80:
		return "INFO"
	case p < 92:
		return "WARN"
	default:
		return "ERROR"
	}
}

// status: 404 5% of the time; 500 or 503 on half the ERROR lines and 2% of the others (about 6%
// overall); else 200.
func status(r *rng, level string) int {
	p := r.intn(1000)
	fivexx := 20
	if level == "ERROR" {
		fivexx = 500
	}
	switch {
	case p < fivexx/2:
		return 500
	case p < fivexx:
		return 503
	case p < fivexx+50:
		return 404
	default:
		return 200
	}
}

func generate(name string, lines int, seed uint64) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	r := newRNG(seed)
	ms := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC).UnixMilli()
	var b []byte
	for i := 0; i < lines; i++ {
		lv := level(r)
		b = time.UnixMilli(ms).UTC().AppendFormat(b[:0], "2006-01-02T15:04:05.000Z")
		b = append(b, ' ')
		b = append(b, lv...)
		b = append(b, ' ')
		b = append(b, services[r.intn(len(services))]...)
		b = append(b, " /api/v1/"...)
		b = append(b, resources[r.intn(len(resources))]...)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(r.intn(10000)), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(status(r, lv)), 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(r.intn(2001)), 10)
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			f.Close()
			return err
		}
		ms += int64(1 + r.intn(5)) // 1-5 ms per line
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// --- main ---

const usage = `usage:
  logs -generate -lines N -seed S FILE
  logs -mode pipeline|loop [-rounds R] FILE...
`

func fail(msg string) {
	fmt.Fprintf(os.Stderr, "logs: %s\n%s", msg, usage)
	os.Exit(2)
}

func main() {
	flag.Usage = func() { fmt.Fprint(os.Stderr, usage); flag.PrintDefaults() }
	gen := flag.Bool("generate", false, "write a synthetic log to FILE")
	lines := flag.Int("lines", -1, "lines to generate")
	seed := flag.Uint64("seed", 1, "seed of the generated log")
	mode := flag.String("mode", "", "pipeline or loop")
	rounds := flag.Int("rounds", 5, "timed rounds; the best is printed")
	flag.Parse() // exits 2 on an unknown flag or a bad value
	files := flag.Args()

	if *gen {
		switch {
		case *mode != "":
			fail("-generate and -mode exclude each other")
		case *lines < 0:
			fail("-generate needs -lines N (N >= 0)")
		case len(files) != 1:
			fail("-generate needs exactly one FILE")
		}
		if err := generate(files[0], *lines, *seed); err != nil {
			fmt.Fprintf(os.Stderr, "logs: %v\n", err)
			os.Exit(1)
		}
		return
	}

	var run func([]string) (map[string]int64, error)
	switch *mode {
	case "pipeline":
		run = pipelineRound
	case "loop":
		run = loopRound
	default:
		fail(fmt.Sprintf("-mode must be pipeline or loop, not %q", *mode))
	}
	switch {
	case *rounds < 1:
		fail("-rounds must be at least 1")
	case len(files) == 0:
		fail("no FILE given")
	}
	best := 0.0
	var counts map[string]int64
	for i := 1; i <= *rounds; i++ {
		start := time.Now()
		c, err := run(files)
		s := time.Since(start).Seconds()
		if err != nil {
			fmt.Fprintf(os.Stderr, "logs: %v\n", err)
			os.Exit(1)
		}
		counts = c
		fmt.Printf("round %d s=%.6f\n", i, s)
		if i == 1 || s < best {
			best = s
		}
	}
	var total int64
	for _, n := range counts {
		total += n
	}
	fmt.Printf("go logs mode=%s best s=%.6f keys=%d total=%d\n", *mode, best, len(counts), total)
}
