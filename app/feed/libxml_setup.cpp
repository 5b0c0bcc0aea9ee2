#include "feed/libxml_setup.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <mutex>

namespace newsticker::app {
namespace {

extern "C" void ignore_generic_error(void*, const char*, ...) {}
extern "C" void ignore_structured_error(void*, xmlErrorPtr) {}

}  // namespace

void prepare_libxml_for_this_thread() {
  static std::once_flag once;
  std::call_once(once, [] {
    xmlInitParser();
    // Defaults for threads libxml2 has not seen yet.
    xmlThrDefSetGenericErrorFunc(nullptr, ignore_generic_error);
    xmlThrDefSetStructuredErrorFunc(nullptr, ignore_structured_error);
  });
  thread_local bool silenced = false;
  if (!silenced) {
    xmlSetGenericErrorFunc(nullptr, ignore_generic_error);
    xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
    silenced = true;
  }
}

}  // namespace newsticker::app
