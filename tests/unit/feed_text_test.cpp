#include "feed/feed_text.h"

#include <gtest/gtest.h>
#include <utf8proc.h>

#include <string>

namespace newsticker::app {
namespace {

bool valid_utf8(const std::string& s) {
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
  utf8proc_ssize_t i = 0;
  const auto n = static_cast<utf8proc_ssize_t>(s.size());
  while (i < n) {
    utf8proc_int32_t cp = 0;
    const auto len = utf8proc_iterate(p + i, n - i, &cp);
    if (len <= 0) return false;
    i += len;
  }
  return true;
}

TEST(FeedText, StripsTags) {
  EXPECT_EQ(html_to_text("<p>Hello <b>bold</b> <a href=\"x\">world</a></p>"), "Hello bold world");
}

TEST(FeedText, BlockTagsSeparateWords) {
  EXPECT_EQ(html_to_text("one<br>two<p>three</p>four"), "one two three four");
  EXPECT_EQ(html_to_text("<ul><li>a</li><li>b</li></ul>"), "a b");
}

TEST(FeedText, DropsScriptAndStyleContent) {
  EXPECT_EQ(html_to_text("a<script>alert('x')</script>b<style>p{color:red}</style>c"), "abc");
}

TEST(FeedText, DecodesHtmlNamedEntities) {
  EXPECT_EQ(html_to_text("a&nbsp;b &hellip; c &mdash; it&rsquo;s"),
            "a b \u2026 c \u2014 it\u2019s");
  EXPECT_EQ(html_to_text("&amp; &lt;x&gt; &#233; &#x263A;"), "& <x> \u00e9 \u263a");
}

TEST(FeedText, BareAmpersandStaysLiteral) {
  EXPECT_EQ(html_to_text("AT&T and R&D"), "AT&T and R&D");
  EXPECT_EQ(decode_entities("AT&T &unknown; &amp;"), "AT&T &unknown; &");
}

TEST(FeedText, TwiceEscapedMarkupIsStripped) {
  // After one decode the text shows "<p>...</p>": that is markup, strip it again.
  EXPECT_EQ(html_to_text("&lt;p&gt;Hello &lt;b&gt;world&lt;/b&gt;&lt;/p&gt;"), "Hello world");
}

TEST(FeedText, MarkupAboutMarkupIsNotStrippedTwice) {
  EXPECT_EQ(html_to_text("<code>&lt;br /&gt;</code>"), "<br />");
}

TEST(FeedText, ProseWithAngleBracketsIsKept) {
  EXPECT_EQ(html_to_text("&lt;3 and a &lt; b &gt; c"), "<3 and a < b > c");
}

TEST(FeedText, CollapsesWhitespace) {
  EXPECT_EQ(clean_text("  a \t\n b\u00a0\u2003c\u3000 "), "a b c");
}

TEST(FeedText, RemovesControlCharacters) {
  EXPECT_EQ(clean_text(std::string("a\x01"
                                   "b\x7f"
                                   "c",
                                   5)),
            "abc");
  EXPECT_EQ(clean_text(std::string("a\0b", 3)), "ab");
  // Undefined in windows-1252, so a real control: dropped.
  EXPECT_EQ(clean_text("x\u0090y\u009dz"), "xyz");
}

TEST(FeedText, C1ControlsReadAsWindows1252) {
  EXPECT_EQ(clean_text("don\u0092t \u0093q\u0094"), "don\u2019t \u201cq\u201d");
}

TEST(FeedText, RemovesInvisibleFormatCharacters) {
  EXPECT_EQ(clean_text("a\u202eb\u2066c\u200bd\ufeffe\u00adf\u202ag\u2069h"), "abcdefgh");
}

TEST(FeedText, KeepsZeroWidthJoiners) {
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  EXPECT_EQ(clean_text(family), family);
  EXPECT_EQ(clean_text("\u0915\u094d\u200c\u0937"), "\u0915\u094d\u200c\u0937");
}

TEST(FeedText, InvalidUtf8BecomesWindows1252) {
  // 0xE9 is "é" in windows-1252, 0x93/0x94 are curly quotes.
  const std::string out = clean_text("caf\xe9 \x93ok\x94");
  EXPECT_EQ(out, "caf\u00e9 \u201cok\u201d");
  EXPECT_TRUE(valid_utf8(out));
  EXPECT_TRUE(valid_utf8(html_to_text("<b>\xff\xfe\xc3</b>")));
  EXPECT_TRUE(valid_utf8(clean_text("\xed\xa0\x80 surrogate")));
}

TEST(FeedText, OutputIsValidUtf8ForValidInput) {
  const std::string s = "\u00e9\u4e2d\U0001F600";
  EXPECT_EQ(html_to_text(s), s);
}

TEST(FeedText, TruncateKeepsShortText) {
  EXPECT_EQ(truncate_graphemes("hello", 5), "hello");
  EXPECT_EQ(truncate_graphemes("hello", 10), "hello");
}

TEST(FeedText, TruncateAddsEllipsis) {
  EXPECT_EQ(truncate_graphemes("hello world", 6), "hello\u2026");
  EXPECT_EQ(truncate_graphemes("hello", 0), "");
}

TEST(FeedText, TruncateCutsAtGraphemeBoundaries) {
  // "e" + combining acute is one cluster; a ZWJ family emoji is one cluster.
  const std::string e_acute = "e\u0301";
  EXPECT_EQ(truncate_graphemes(e_acute + e_acute + e_acute, 2), e_acute + "\u2026");
  const std::string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";
  EXPECT_EQ(truncate_graphemes(family + family + "x", 2), family + "\u2026");
  const std::string flag = "\U0001F1EB\U0001F1F7";  // regional indicator pair
  EXPECT_EQ(truncate_graphemes(flag + flag + flag, 3), flag + flag + flag);
  EXPECT_EQ(truncate_graphemes(flag + flag + flag, 2), flag + "\u2026");
}

// ---- fast paths (same results as libxml2's HTML parser, checked by these cases) -------------

TEST(FeedText, RepairUtf8ReturnsValidTextUnchanged) {
  const std::string s = "plain ASCII, caf\u00e9, \u4e2d\u6587, \U0001F600 and \uFFFE";
  EXPECT_EQ(repair_utf8(s), s);
  EXPECT_EQ(first_invalid_utf8(s), std::string::npos);
  // Overlong, surrogate, past U+10FFFF, truncated: each bad byte reads as windows-1252.
  EXPECT_EQ(first_invalid_utf8("ab\xC0\x80"), 2u);
  EXPECT_EQ(first_invalid_utf8("abcdefghij\xED\xA0\x80"), 10u);
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);
  EXPECT_EQ(first_invalid_utf8("abc\xE2\x82"), 3u);
  EXPECT_EQ(repair_utf8("long ascii prefix \x93q\x94 and more ascii"),
            "long ascii prefix \u201cq\u201d and more ascii");
}

TEST(FeedText, SimpleMarkupMatchesTheHtmlParser) {
  EXPECT_EQ(
      html_to_text("<img src=\"a.jpg\" alt=\"x\" /><p>One <em>two</em> <a href=\"u?a=1&amp;b=2\">"
                   "three</a>.</p><p>Four &amp; &#8217;five&hellip;</p>"),
      "One two three. Four & \u2019five\u2026");
  EXPECT_EQ(html_to_text("x<sup>2</sup> <sub>i</sub> y<img src=a.jpg> z"), "x2 i y z");
  EXPECT_EQ(html_to_text("<P>Caps <B>bold</B></P><UL><LI>a</LI><LI>b</LI></UL>"), "Caps bold a b");
  EXPECT_EQ(html_to_text("R & D, 5 &lt; 6 &, <b>AT&T</b> &c &foo;"),
            "R & D, 5 < 6 &, AT&T &c &foo;");
  // Markup the fast path leaves to libxml2: implied end tags, comments, raw-text elements.
  EXPECT_EQ(html_to_text("<p>one<p>two<div>three</div>"), "one two three");
  EXPECT_EQ(html_to_text("a<!-- hidden -->b<script>x()</script>c"), "abc");
  EXPECT_EQ(html_to_text("<b>unclosed <i>tags"), "unclosed tags");
}

}  // namespace
}  // namespace newsticker::app
