#include "fetch/schedule.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string>

#include "feed/feed_dates.h"

namespace newsticker::app {
namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return text;
}

std::optional<long long> parse_seconds(std::string_view text) {
  text = trim(text);
  long long value = 0;
  if (text.empty() || text.size() > 12) return std::nullopt;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace

std::chrono::seconds next_attempt_delay(std::chrono::seconds refresh, const AttemptOutcome& outcome,
                                        double jitter_unit, const SchedulePolicy& policy) {
  using std::chrono::seconds;
  auto hint = [&](const std::optional<seconds>& value) {
    return value ? std::min(*value, policy.longest_hint) : seconds{0};
  };
  if (outcome.consecutive_failures <= 0) {
    return std::max({refresh, hint(outcome.ttl), hint(outcome.max_age)});
  }
  const seconds cap = std::max(refresh, policy.backoff_cap);
  const int doublings = std::min(outcome.consecutive_failures - 1, 20);
  seconds delay = std::min<seconds>(cap, policy.first_retry * (1L << doublings));
  jitter_unit = std::clamp(jitter_unit, 0.0, 1.0);
  delay += seconds(
      static_cast<long long>(static_cast<double>(delay.count()) * policy.jitter * jitter_unit));
  // The cap is the longest wait after jitter too, so an outage costs at most `cap` of news.
  delay = std::min(delay, cap + seconds(static_cast<long long>(static_cast<double>(cap.count()) *
                                                               policy.jitter)));
  return std::max(delay, hint(outcome.retry_after));
}

std::chrono::seconds next_attempt_delay(std::chrono::seconds refresh, int consecutive_failures) {
  AttemptOutcome outcome;
  outcome.consecutive_failures = consecutive_failures;
  SchedulePolicy policy;
  policy.backoff_cap = std::chrono::seconds{0};  // old behaviour: capped at the refresh
  return next_attempt_delay(refresh, outcome, 0.0, policy);
}

std::optional<std::chrono::seconds> parse_max_age(std::string_view cache_control) {
  std::optional<std::chrono::seconds> max_age;
  while (!cache_control.empty()) {
    const auto comma = cache_control.find(',');
    std::string_view directive = trim(cache_control.substr(0, comma));
    cache_control =
        comma == std::string_view::npos ? std::string_view{} : cache_control.substr(comma + 1);
    std::string lower(directive.substr(0, directive.find('=')));
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    lower = std::string(trim(lower));
    if (lower == "no-cache" || lower == "no-store") return std::nullopt;
    if (lower == "max-age" && directive.find('=') != std::string_view::npos) {
      std::string_view value = trim(directive.substr(directive.find('=') + 1));
      if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        value = value.substr(1, value.size() - 2);
      }
      if (auto seconds = parse_seconds(value)) max_age = std::chrono::seconds(*seconds);
    }
  }
  return max_age;
}

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value, UtcSeconds now) {
  value = trim(value);
  if (value.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(value.front()))) {
    if (auto seconds = parse_seconds(value)) return std::chrono::seconds(*seconds);
    if (value.find(' ') == std::string_view::npos) return std::nullopt;
  }
  const auto when = parse_feed_date(value);
  if (!when) return std::nullopt;
  return std::max(std::chrono::seconds{0}, *when - now);
}

}  // namespace newsticker::app
