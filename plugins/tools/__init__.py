"""The tools people run: the dev server (`make devserver`, `make serve`), `make newpost`,
`make newevent`, `make check`, `make list-archive`. They may import every layer; nothing
imports them."""
