"""``impact watch``: a live preview of the HTML page while the file is written.

One process, three threads, nothing written to disk:

* the watcher (:mod:`.watcher`, with ``watchfiles``) merges each burst of saves
  into one change and asks the session to read the changed files again;
* the session (:mod:`.session`) validates and renders each diagram with the same
  code as ``impact validate`` and ``impact render -o x.html``, keeps the last good
  page of each with its problems (markup from :mod:`.pages`), and wakes the
  browsers' event streams;
* the server (:mod:`.server`, the standard library's ``ThreadingHTTPServer``)
  serves each page on 127.0.0.1 with a small script (``livereload.js``, only in
  watch mode) that listens to server-sent events and swaps the page in place.

:mod:`.run` starts and stops them; ``impact_cli.commands.watch`` is the command.
"""
