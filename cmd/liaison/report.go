package main

import "errors"

var errNoReport = errors.New("reports, import and export are not in this build yet")

// The report issue replaces this file.
func cmdReportWeekly(e *env, args []string) error     { return errNoReport }
func cmdExport(e *env, args []string) error           { return errNoReport }
func cmdEnterpriseImport(e *env, args []string) error { return errNoReport }
