#pragma once
// wick::Error and the checking macros every op uses to validate its input.
// Subclasses name the Python exception a front end should raise, so the
// Python layer can map them without parsing messages.
#include <sstream>
#include <stdexcept>
#include <string>

namespace wick {

class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& msg) : std::runtime_error(msg) {}
};
// Python: IndexError
class IndexError : public Error {
 public:
  using Error::Error;
};
// Python: TypeError
class TypeError : public Error {
 public:
  using Error::Error;
};
// Python: ValueError
class ValueError : public Error {
 public:
  using Error::Error;
};
// Python: NotImplementedError (e.g. an op with no kernel for a dtype)
class NotImplementedError : public Error {
 public:
  using Error::Error;
};

// Python: wick.linalg.LinAlgError (a RuntimeError), for a decomposition or
// solve that fails on its input (singular, not positive-definite, ...).
class LinAlgError : public Error {
 public:
  using Error::Error;
};

namespace detail {
inline void str_append(std::ostringstream&) {}
template <typename T, typename... Rest>
void str_append(std::ostringstream& os, const T& v, const Rest&... rest) {
  os << v;
  str_append(os, rest...);
}
}  // namespace detail

// Concatenates its arguments with operator<<.
template <typename... Args>
std::string str(const Args&... args) {
  std::ostringstream os;
  detail::str_append(os, args...);
  return os.str();
}

[[noreturn]] void throw_error(const char* file, int line, const std::string& msg);

}  // namespace wick

// WICK_CHECK(cond, "message ", value, ...) raises wick::Error when cond is false.
#define WICK_CHECK(cond, ...)                    \
  do {                                           \
    if (__builtin_expect(!(cond), 0)) {          \
      throw ::wick::Error(::wick::str(__VA_ARGS__)); \
    }                                            \
  } while (0)

// Same, raising a chosen subclass (IndexError, TypeError, ValueError).
#define WICK_CHECK_T(type, cond, ...)                \
  do {                                               \
    if (__builtin_expect(!(cond), 0)) {              \
      throw ::wick::type(::wick::str(__VA_ARGS__));  \
    }                                                \
  } while (0)

#define WICK_INTERNAL_ASSERT(cond)                                            \
  do {                                                                        \
    if (__builtin_expect(!(cond), 0)) {                                       \
      ::wick::throw_error(__FILE__, __LINE__, "internal assert failed: " #cond); \
    }                                                                         \
  } while (0)
