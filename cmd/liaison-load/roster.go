package main

import (
	"encoding/json"
	"fmt"
	"os"
)

// Roster is what setup made and a run plays: the officers with their
// tokens (secrets: the file is 0600) and the enterprises each may edit.
type Roster struct {
	Epoch string `json:"epoch"`
	// Seq is HQ's last seq when setup finished: the cursor every simulated
	// laptop starts from (it synced yesterday).
	Seq       uint64    `json:"seq"`
	Admin     Officer   `json:"admin"`
	Laptops   []Officer `json:"laptops"`
	Witnesses []Officer `json:"witnesses"`
}

// Officer is one account: id, bearer token, assigned enterprise ids.
type Officer struct {
	ID          string   `json:"id"`
	Token       string   `json:"token"`
	Enterprises []string `json:"enterprises"`
}

func writeRoster(path string, r *Roster) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o600)
}

func readRoster(path string) (*Roster, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var r Roster
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, fmt.Errorf("roster %s: %w", path, err)
	}
	return &r, nil
}
