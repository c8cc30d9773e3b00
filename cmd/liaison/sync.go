package main

import "errors"

var errNoSync = errors.New("sync is not in this build yet")

// The sync issue replaces this file.
func cmdLogin(e *env, args []string) error { return errNoSync }
func cmdSync(e *env, args []string) error  { return errNoSync }
