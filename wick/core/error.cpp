#include "wick/core/error.h"

namespace wick {

void throw_error(const char* file, int line, const std::string& msg) {
  throw Error(str(msg, " (", file, ":", line, "). This is a bug in wick; please report it."));
}

}  // namespace wick
