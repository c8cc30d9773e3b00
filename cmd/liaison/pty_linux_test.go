package main

import (
	"fmt"
	"os"
	"syscall"
	ptr "unsafe"
)

// openPty opens a pseudo-terminal pair of rows×cols: the master (read what
// the program draws, write what the terminal answers) and the terminal
// side the program is given. Linux only, with the syscall package, so the
// benchmark needs no pty module.
func openPty(rows, cols uint16) (master, tty *os.File, err error) {
	master, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY|syscall.O_CLOEXEC, 0)
	if err != nil {
		return nil, nil, err
	}
	var unlock int32
	var n uint32
	if err = ioctl(master.Fd(), syscall.TIOCSPTLCK, uintptr(ptr.Pointer(&unlock))); err == nil {
		err = ioctl(master.Fd(), syscall.TIOCGPTN, uintptr(ptr.Pointer(&n)))
	}
	if err == nil {
		tty, err = os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	}
	if err == nil {
		ws := struct{ row, col, x, y uint16 }{rows, cols, 0, 0}
		err = ioctl(tty.Fd(), syscall.TIOCSWINSZ, uintptr(ptr.Pointer(&ws)))
	}
	if err != nil {
		master.Close()
		if tty != nil {
			tty.Close()
		}
		return nil, nil, fmt.Errorf("pty: %w", err)
	}
	return master, tty, nil
}

func ioctl(fd, req, arg uintptr) error {
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, fd, req, arg); e != 0 {
		return e
	}
	return nil
}
