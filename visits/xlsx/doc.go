// Package xlsx reads and writes the small part of Office Open XML
// spreadsheets (.xlsx) that liaison needs: an import reads the cells of one
// sheet as text, a report or an export writes sheets of text and numbers
// with two cell styles, column widths and a frozen header row.
//
// It uses only archive/zip and encoding/xml, so that linking it costs
// nothing at start-up (excelize, which it replaces, spent about 13 ms in
// package initialisation in every command of both binaries).
//
// Reading streams a sheet: rows are handed over one at a time and no
// part is held whole in memory except the shared strings, whose size the
// caller bounds. Every XML token is bounded too (Options.MaxToken), so a
// single giant cell or comment cannot fill the memory, and a document
// type declaration is refused.
package xlsx
