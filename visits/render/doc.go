// Package render writes what package visits computes: the weekly report
// (visits.Report) as Markdown, CSV, XLSX or JSON, and the export of a
// whole visits.Dataset. It chooses labels (visits.Label) and layouts;
// it computes no figure. Text from the database reaches a terminal only
// through Write (visits.SafeDocument / visits.EscapeJSONControls), and a
// spreadsheet only through visits.CSVCell.
package render
