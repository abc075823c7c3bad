// Package subs keeps an exported channel that its own loop receives from.
package subs

type Subscriber struct {
	Acks chan int
}

func (s *Subscriber) Loop() {
	for ack := range s.Acks {
		_ = ack
	}
}
