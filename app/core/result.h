// Result<T>: errors as values, with the interface of C++23 std::expected (GCC 12 lacks it),
// so that moving to std::expected later changes this file only.
#pragma once

#include <cassert>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

namespace newsticker::app {

// What went wrong, coarse enough for a status file and a log line. The network kinds are the
// error classes that the status file reports.
enum class ErrorKind {
  kDns,
  kConnect,
  kTls,
  kTimeout,
  kHttp,
  kTooLarge,
  kNotAFeed,
  kParse,
  kRedirect,
  kInsecure,
  kCancelled,
  kIo,
  kConfig,
  kInvalidArgument,
  kInternal,
};

// Stable lower-case name of an error class, as written to logs and status files.
constexpr const char* error_kind_name(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kDns:
      return "dns";
    case ErrorKind::kConnect:
      return "connect";
    case ErrorKind::kTls:
      return "tls";
    case ErrorKind::kTimeout:
      return "timeout";
    case ErrorKind::kHttp:
      return "http";
    case ErrorKind::kTooLarge:
      return "too_large";
    case ErrorKind::kNotAFeed:
      return "not_a_feed";
    case ErrorKind::kParse:
      return "parse";
    case ErrorKind::kRedirect:
      return "redirect";
    case ErrorKind::kInsecure:
      return "insecure";
    case ErrorKind::kCancelled:
      return "cancelled";
    case ErrorKind::kIo:
      return "io";
    case ErrorKind::kConfig:
      return "config";
    case ErrorKind::kInvalidArgument:
      return "invalid_argument";
    case ErrorKind::kInternal:
      return "internal";
  }
  return "internal";
}

struct Error {
  ErrorKind kind = ErrorKind::kInternal;
  std::string message;
};

// Tag that carries an Error into a Result, like std::unexpected.
struct Unexpected {
  Error error;
};

inline Unexpected make_error(ErrorKind kind, std::string message) {
  return Unexpected{Error{kind, std::move(message)}};
}

template <class T>
class [[nodiscard]] Result {
 public:
  using value_type = T;

  Result(const T& value)
      : state_(std::in_place_index<0>, value) {}  // NOLINT: implicit like expected
  Result(T&& value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Unexpected unexpected)                                            // NOLINT
      : state_(std::in_place_index<1>, std::move(unexpected.error)) {}

  bool has_value() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(state_);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(state_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!has_value());
    return std::get<1>(state_);
  }
  Error&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(state_));
  }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  using value_type = void;

  Result() = default;
  Result(Unexpected unexpected) : error_(std::move(unexpected.error)), ok_(false) {}  // NOLINT

  bool has_value() const noexcept { return ok_; }
  explicit operator bool() const noexcept { return ok_; }
  void value() const { assert(ok_); }
  const Error& error() const& {
    assert(!ok_);
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

}  // namespace newsticker::app
