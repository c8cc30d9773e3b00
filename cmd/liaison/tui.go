package main

import "errors"

// cmdTUI opens the terminal UI (the TUI issue replaces this file).
func cmdTUI(e *env, args []string) error {
	return errors.New("the terminal UI is not in this build yet")
}
