package main

import "github.com/grassrootsgov/grassroots/incident"

// dueQueue holds the open matters that a deadline runs on, ordered by the
// instant from which the overdue check escalates each (incident.NextDue),
// so that a sweep visits only the matters that are due rather than every
// open one. It is a binary min-heap with each matter's position in it, so
// a matter's instant can move or the matter can leave in O(log n).
type dueQueue struct {
	policy incident.DuePolicy
	heap   []dueItem
	at     []int32 // each matter's position in heap, or -1
}

type dueItem struct {
	next int64 // Unix nanoseconds
	idx  int32
}

func newDueQueue(policy incident.DuePolicy, matters int) dueQueue {
	q := dueQueue{policy: policy, at: make([]int32, matters)}
	for i := range q.at {
		q.at[i] = -1
	}
	return q
}

func (q *dueQueue) less(i, j int) bool {
	a, b := q.heap[i], q.heap[j]
	if a.next != b.next {
		return a.next < b.next
	}
	return a.idx < b.idx
}

func (q *dueQueue) swap(i, j int) {
	q.heap[i], q.heap[j] = q.heap[j], q.heap[i]
	q.at[q.heap[i].idx], q.at[q.heap[j].idx] = int32(i), int32(j)
}

func (q *dueQueue) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !q.less(i, p) {
			return
		}
		q.swap(i, p)
		i = p
	}
}

func (q *dueQueue) down(i int) {
	n := len(q.heap)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		c := l
		if r := l + 1; r < n && q.less(r, l) {
			c = r
		}
		if !q.less(c, i) {
			return
		}
		q.swap(i, c)
		i = c
	}
}

// set puts matter idx in the queue at next, or moves it there.
func (q *dueQueue) set(idx int32, next int64) {
	if i := q.at[idx]; i >= 0 {
		old := q.heap[i].next
		q.heap[i].next = next
		if next < old {
			q.up(int(i))
		} else {
			q.down(int(i))
		}
		return
	}
	q.at[idx] = int32(len(q.heap))
	q.heap = append(q.heap, dueItem{next: next, idx: idx})
	q.up(len(q.heap) - 1)
}

// remove takes matter idx out of the queue, if it is in it.
func (q *dueQueue) remove(idx int32) {
	i := int(q.at[idx])
	if i < 0 {
		return
	}
	last := len(q.heap) - 1
	if i != last {
		q.swap(i, last)
	}
	q.heap = q.heap[:last]
	q.at[idx] = -1
	if i != last {
		q.down(i)
		q.up(i)
	}
}

// until appends to dst the matters due at t (their instant at or before
// it), in no particular order, leaving them in the queue.
func (q *dueQueue) until(t int64, dst []int32) []int32 {
	if len(q.heap) == 0 || q.heap[0].next > t {
		return dst
	}
	stack := []int{0}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		dst = append(dst, q.heap[i].idx)
		for _, c := range [2]int{2*i + 1, 2*i + 2} {
			if c < len(q.heap) && q.heap[c].next <= t {
				stack = append(stack, c)
			}
		}
	}
	return dst
}

// len returns the number of matters in the queue.
func (q *dueQueue) len() int { return len(q.heap) }
