// libxml2 set-up shared by every parser in app/feed (feeds, HTML fragments, article pages).
#pragma once

namespace newsticker::app {

// Call before using libxml2 on the current thread; cheap after the first call on a thread.
// Initialises libxml2 once for the process (it must be, before concurrent use), and silences its
// error printing on this thread: by default libxml2 writes every parse and encoding error to
// stderr, and a hostile feed full of bad bytes would put millions of lines into the journal.
// Errors are still recorded in the parser context (xmlCtxtGetLastError), where the parsers read
// them.
void prepare_libxml_for_this_thread();

}  // namespace newsticker::app
