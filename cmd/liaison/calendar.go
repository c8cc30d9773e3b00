package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/liaison-dev/liaison/store"
	"github.com/liaison-dev/liaison/visits"
)

// cmdCalendarImport stores HQ's working-day calendar (docs/calendar.md);
// due dates of needs registered afterwards count its working days.
func cmdCalendarImport(e *env, args []string) error {
	pos, err := flags(flag.NewFlagSet("calendar import", flag.ContinueOnError), args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("usage: liaison calendar import FILE.json", "用法：liaison calendar import 文件.json")
	}
	raw, err := os.ReadFile(pos[0])
	if err != nil {
		return usagef("cannot read %s: %v", "无法读取 %s：%v", pos[0], err)
	}
	if _, err := visits.ParseCalendar(raw); err != nil {
		return usagef("%s: %v", "%s：工作日历格式不正确（%v）", pos[0], err)
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	return s.Update(func(w *store.Writer) error { return w.SetCalendar(raw) })
}

// cmdCalendarShow says which calendar due dates use.
func cmdCalendarShow(e *env, args []string) error {
	fs := flag.NewFlagSet("calendar show", flag.ContinueOnError)
	fs.BoolVar(&e.jsonOut, "json", false, "")
	if _, err := flags(fs, args); err != nil {
		return err
	}
	s, err := e.store()
	if err != nil {
		return err
	}
	var cal *visits.Calendar
	_ = s.View(func(r *store.Reader) error { cal = r.Calendar(); return nil })
	name := ""
	if cal != nil {
		name = cal.Name
	}
	if e.jsonOut {
		return e.printJSON(map[string]any{"default": cal.Default(), "name": name})
	}
	if cal.Default() {
		fmt.Fprintln(e.out, e.t([2]string{"未导入工作日历：按周一至周五计算工作日", "no calendar imported: working days are Monday to Friday"}))
		return nil
	}
	fmt.Fprintln(e.out, e.t([2]string{"工作日历：", "calendar: "})+clean(name))
	return nil
}
