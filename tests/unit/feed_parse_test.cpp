#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <string>

#include "feed/feed_dates.h"
#include "feed/feed_json.h"
#include "feed/parse_feed.h"

namespace newsticker::app {
namespace {

ParsedFeed parse_ok(std::string_view doc, const ParseOptions& options = {}) {
  auto r = parse_feed(doc, options);
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().message);
  return r ? *r : ParsedFeed{};
}

std::string date_of(const Headline& h) {
  return h.published ? format_utc(*h.published) : "none";
}

// ---- formats --------------------------------------------------------------------------------

TEST(FeedParse, Rss20ChannelAndItems) {
  const auto feed = parse_ok(R"(<?xml version="1.0"?>
<rss version="2.0"><channel>
  <title>Example News</title><link>http://example.com/</link><ttl>15</ttl>
  <item><title>First</title><link>http://example.com/1</link>
    <guid isPermaLink="false">id-1</guid><pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>
    <description>&lt;p&gt;Body &lt;b&gt;one&lt;/b&gt;&lt;/p&gt;</description>
    <author>jo@example.com (Jo)</author></item>
  <item><title>Second</title><link>http://example.com/2</link></item>
</channel></rss>)");
  EXPECT_EQ(feed.title, "Example News");
  EXPECT_EQ(feed.link, "http://example.com/");
  ASSERT_TRUE(feed.ttl_minutes.has_value());
  EXPECT_EQ(*feed.ttl_minutes, 15);
  EXPECT_FALSE(feed.bozo);
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "First");
  EXPECT_EQ(feed.items[0].link, "http://example.com/1");
  EXPECT_EQ(feed.items[0].id, "id-1");
  EXPECT_EQ(date_of(feed.items[0]), "2003-06-10T04:00:00Z");
  EXPECT_EQ(feed.items[0].summary, "Body one");
  EXPECT_EQ(feed.items[0].author, "jo@example.com (Jo)");
  EXPECT_EQ(feed.items[0].source, "Example News");
  EXPECT_EQ(feed.items[1].title, "Second");
  EXPECT_EQ(date_of(feed.items[1]), "none");
}

TEST(FeedParse, Rss091) {
  const auto feed = parse_ok(R"(<rss version="0.91"><channel><title>Old</title>
<link>http://old.example/</link><item><title>Item</title><link>http://old.example/a</link>
<description>Plain</description></item></channel></rss>)");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].summary, "Plain");
}

TEST(FeedParse, Rss090ItemsBesideChannel) {
  const auto feed = parse_ok(R"(<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
 xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>Ninety</title>
<link>http://n.example/</link></channel><item><title>A</title><link>http://n.example/a</link></item>
<item><title>B</title><link>http://n.example/b</link></item></rdf:RDF>)");
  EXPECT_EQ(feed.title, "Ninety");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[1].link, "http://n.example/b");
}

TEST(FeedParse, Rss10RdfWithDublinCoreAndContent) {
  const auto feed = parse_ok(R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel rdf:about="http://r.example/"><title>RDF Feed</title><link>http://r.example/</link></channel>
<item rdf:about="http://r.example/1"><title>One</title><link>http://r.example/1</link>
 <dc:date>2004-01-02T03:04:05+01:00</dc:date><dc:creator>Ann</dc:creator>
 <content:encoded><![CDATA[<p>Full <i>content</i></p>]]></content:encoded></item>
</rdf:RDF>)");
  EXPECT_EQ(feed.title, "RDF Feed");
  ASSERT_EQ(feed.items.size(), 1u);
  const auto& h = feed.items[0];
  EXPECT_EQ(h.title, "One");
  EXPECT_EQ(h.id, "http://r.example/1");
  EXPECT_EQ(date_of(h), "2004-01-02T02:04:05Z");
  EXPECT_EQ(h.author, "Ann");
  EXPECT_EQ(h.summary, "Full content");  // content:encoded is the fallback summary
}

TEST(FeedParse, DescriptionWinsOverContentEncoded) {
  const auto feed =
      parse_ok(R"(<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<item><title>t</title><description>short</description><content:encoded>long</content:encoded></item>
</channel></rss>)");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].summary, "short");
}

TEST(FeedParse, Atom10TextConstructs) {
  const auto feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom">
<title type="text">Atom &amp; Co</title><link rel="self" href="http://a.example/feed"/>
<link href="http://a.example/"/>
<entry><title type="html">&lt;b&gt;Bold&lt;/b&gt; news</title><id>urn:x:1</id>
 <link rel="enclosure" href="http://a.example/1.mp3"/><link rel="alternate" type="text/html" href="http://a.example/1"/>
 <updated>2005-07-31T12:29:29Z</updated><published>2003-12-13T08:29:29-04:00</published>
 <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Para <b>one</b></p><p>two &amp; &lt;three&gt;</p></div></summary>
 <author><name>Bea</name></author></entry>
<entry><title type="text">&lt;b&gt;literal&lt;/b&gt;</title><id>urn:x:2</id>
 <updated>2005-07-31T12:29:29Z</updated><content type="html">&lt;p&gt;content&lt;/p&gt;</content></entry>
</feed>)");
  EXPECT_EQ(feed.title, "Atom & Co");
  EXPECT_EQ(feed.link, "http://a.example/");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].title, "Bold news");
  EXPECT_EQ(feed.items[0].id, "urn:x:1");
  EXPECT_EQ(feed.items[0].link, "http://a.example/1");
  EXPECT_EQ(date_of(feed.items[0]), "2003-12-13T12:29:29Z");  // published before updated
  EXPECT_EQ(feed.items[0].summary, "Para one two & <three>");
  EXPECT_EQ(feed.items[0].author, "Bea");
  // type="text" is literal: markup-looking text stays.
  EXPECT_EQ(feed.items[1].title, "<b>literal</b>");
  EXPECT_EQ(date_of(feed.items[1]), "2005-07-31T12:29:29Z");  // updated when no published
  EXPECT_EQ(feed.items[1].summary, "content");                // content when no summary
}

TEST(FeedParse, AtomXmlBaseChainResolvesRelativeLinks) {
  const auto feed =
      parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://b.example/root/">
<link href="home.html"/>
<entry xml:base="sub/"><title>t</title><link href="page.html"/></entry>
<entry xml:base="/abs/"><title>t</title><link href="../up.html"/></entry>
<entry><title>t</title><link href="http://other.example/x"/></entry>
</feed>)");
  EXPECT_EQ(feed.link, "http://b.example/root/home.html");
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].link, "http://b.example/root/sub/page.html");
  EXPECT_EQ(feed.items[1].link, "http://b.example/up.html");
  EXPECT_EQ(feed.items[2].link, "http://other.example/x");
}

TEST(FeedParse, Atom03IssuedModifiedAndEscapedMode) {
  const auto feed = parse_ok(R"(<feed version="0.3" xmlns="http://purl.org/atom/ns#">
<title>Old Atom</title><link rel="alternate" type="text/html" href="http://o.example/"/>
<entry><title>E</title><link rel="alternate" type="text/html" href="http://o.example/e"/>
 <id>tag:o.example,2003:1</id><issued>2003-12-13T08:29:29-04:00</issued>
 <modified>2003-12-14T08:29:29Z</modified>
 <content type="text/html" mode="escaped">&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;</content></entry>
<entry><title>F</title><modified>2003-12-14T08:29:29Z</modified></entry>
</feed>)");
  EXPECT_EQ(feed.title, "Old Atom");
  EXPECT_EQ(feed.link, "http://o.example/");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].id, "tag:o.example,2003:1");
  EXPECT_EQ(date_of(feed.items[0]), "2003-12-13T12:29:29Z");
  EXPECT_EQ(feed.items[0].summary, "Hi & bye");
  EXPECT_EQ(date_of(feed.items[1]), "2003-12-14T08:29:29Z");
}

TEST(FeedParse, JsonFeed11) {
  const auto feed =
      parse_ok(R"(  {"version": "https://jsonfeed.org/version/1.1", "title": "JSON &amp; more",
 "home_page_url": "https://j.example/", "items": [
  {"id": "1", "title": "Hello", "url": "https://j.example/1", "summary": "Short",
   "date_published": "2020-01-02T03:04:05-01:00", "authors": [{"name": "Cy"}]},
  {"id": 2, "external_url": "https://ext.example/", "content_html": "<p>Html <em>body</em></p>",
   "date_modified": "2020-02-02T00:00:00Z"},
  {"id": "3", "content_text": "Just text"}]})");
  EXPECT_EQ(feed.title, "JSON & more");
  EXPECT_EQ(feed.link, "https://j.example/");
  ASSERT_EQ(feed.items.size(), 3u);
  EXPECT_EQ(feed.items[0].id, "1");
  EXPECT_EQ(feed.items[0].link, "https://j.example/1");
  EXPECT_EQ(feed.items[0].summary, "Short");
  EXPECT_EQ(feed.items[0].author, "Cy");
  EXPECT_EQ(date_of(feed.items[0]), "2020-01-02T04:04:05Z");
  EXPECT_EQ(feed.items[1].id, "2");
  EXPECT_EQ(feed.items[1].link, "https://ext.example/");
  EXPECT_EQ(feed.items[1].summary, "Html body");
  EXPECT_EQ(date_of(feed.items[1]), "2020-02-02T00:00:00Z");
  EXPECT_EQ(feed.items[2].summary, "Just text");
  EXPECT_EQ(feed.items[2].source, "JSON & more");
}

TEST(FeedParse, JsonFeed10) {
  const auto feed = parse_ok(R"({"version": "https://jsonfeed.org/version/1", "title": "T",
 "items": [{"id": "a", "title": "x", "author": {"name": "Old"}}]})");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].author, "Old");
}

TEST(FeedParse, JsonThatIsNotAFeedIsRejected) {
  auto r = parse_feed(R"({"hello": "world"})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotAFeed);
  auto bad = parse_feed("{not json");
  ASSERT_FALSE(bad.has_value());
}

TEST(FeedParse, SourceNameOverridesFeedTitle) {
  ParseOptions options;
  options.source_name = "Kiosk Name";
  const auto feed = parse_ok(
      "<rss><channel><title>Own</title><item><title>x</title></item></channel></rss>", options);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].source, "Kiosk Name");
}

TEST(FeedParse, MaxItemsKeepsFirstOnes) {
  ParseOptions options;
  options.max_items = 2;
  const auto feed = parse_ok(
      "<rss><channel><item><title>1</title></item><item><title>2</title></item>"
      "<item><title>3</title></item></channel></rss>",
      options);
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[1].title, "2");
}

// ---- links and ids --------------------------------------------------------------------------

TEST(FeedParse, GuidRules) {
  const auto feed = parse_ok(R"(<rss><channel>
<item><title>a</title><guid>http://g.example/a</guid></item>
<item><title>b</title><guid isPermaLink="false">http://g.example/b</guid></item>
<item><title>c</title><link>http://l.example/c</link><guid>http://g.example/c</guid></item>
<item><title>d</title><guid>urn:uuid:1234</guid></item>
<item><title>e</title><guid>ftp://g.example/e</guid></item>
<item><title>f</title></item>
</channel></rss>)");
  ASSERT_EQ(feed.items.size(), 6u);
  EXPECT_EQ(feed.items[0].link, "http://g.example/a");
  EXPECT_EQ(feed.items[0].id, "http://g.example/a");
  EXPECT_EQ(feed.items[1].link, "");  // isPermaLink="false"
  EXPECT_EQ(feed.items[1].id, "http://g.example/b");
  EXPECT_EQ(feed.items[2].link, "http://l.example/c");  // <link> wins
  EXPECT_EQ(feed.items[3].link, "");                    // not an http(s) URL
  EXPECT_EQ(feed.items[3].id, "urn:uuid:1234");
  EXPECT_EQ(feed.items[4].link, "");
  EXPECT_EQ(feed.items[5].id, "");  // never invented
}

TEST(FeedParse, AtomWithoutIdHasEmptyId) {
  const auto feed = parse_ok(R"(<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title>
<link href="http://x.example/"/></entry></feed>)");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].id, "");
}

// ---- safety and tolerance -------------------------------------------------------------------

TEST(FeedParse, ExternalEntityIsNotLoaded) {
  const std::string path = ::testing::TempDir() + "newsticker_secret.txt";
  {
    std::ofstream out(path);
    out << "TOP-SECRET-CONTENT";
  }
  const std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file://" +
                          path +
                          "\">]>\n<rss><channel><title>t&xxe;</title><item><title>a &xxe; b"
                          "</title><description>&xxe;</description></item></channel></rss>";
  auto r = parse_feed(doc);
  ASSERT_TRUE(r.has_value());
  const std::string line = feed_to_json_line("x", r);
  EXPECT_EQ(line.find("TOP-SECRET"), std::string::npos) << line;
  ASSERT_EQ(r->items.size(), 1u);
  EXPECT_EQ(r->items[0].title, "a b");
}

TEST(FeedParse, BillionLaughsFinishesFast) {
  std::string doc = "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY l0 \"lol\">\n";
  for (int i = 1; i <= 12; ++i) {
    doc += "<!ENTITY l" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) doc += "&l" + std::to_string(i - 1) + ";";
    doc += "\">\n";
  }
  doc +=
      "]>\n<rss><channel><title>&l12;</title><item><title>&l12;</title>"
      "<description>&l12;</description></item></channel></rss>";
  const auto start = std::chrono::steady_clock::now();
  auto r = parse_feed(doc);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_LT(elapsed, std::chrono::seconds(1));
  if (r) {
    EXPECT_TRUE(r->bozo);
    EXPECT_LT(r->title.size(), 2u << 20);
    for (const auto& h : r->items) EXPECT_LT(h.title.size() + h.summary.size(), 4u << 20);
  }
}

TEST(FeedParse, DeclaredInternalEntityIsExpanded) {
  const auto feed = parse_ok(R"(<!DOCTYPE rss [<!ENTITY co "Example Corp">]>
<rss><channel><title>&co; news</title></channel></rss>)");
  EXPECT_EQ(feed.title, "Example Corp news");
}

TEST(FeedParse, TooLargeIsRefused) {
  ParseOptions options;
  options.max_bytes = 64;
  auto r = parse_feed(std::string(65, ' '), options);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, ErrorKind::kTooLarge);
}

TEST(FeedParse, BareAmpersandStaysLiteral) {
  const auto feed = parse_ok(
      "<rss><channel><title>AT&T</title><item><title>Q&A: R&D</title>"
      "<link>http://x.example/?a=1&b=2</link></item></channel></rss>");
  EXPECT_EQ(feed.title, "AT&T");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "Q&A: R&D");
  EXPECT_EQ(feed.items[0].link, "http://x.example/?a=1&b=2");
  EXPECT_TRUE(feed.bozo);
}

TEST(FeedParse, HtmlEntitiesWithoutDtd) {
  const auto feed = parse_ok(
      "<rss><channel><item><title>a&nbsp;b&hellip; c&mdash;d &rsquo;e</title>"
      "</item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].title, "a b\u2026 c\u2014d \u2019e");
}

TEST(FeedParse, TruncatedDocumentDropsPartialItem) {
  const auto feed = parse_ok(
      "<rss><channel><title>T</title><item><title>One</title></item>"
      "<item><title>Two</title></item><item><title>Thr");
  EXPECT_TRUE(feed.bozo);
  EXPECT_FALSE(feed.bozo_message.empty());
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[1].title, "Two");
}

TEST(FeedParse, IllFormedSetsBozoWithMessage) {
  const auto feed = parse_ok("<rss><channel><item><title>x</b></title></item></channel></rss>");
  EXPECT_TRUE(feed.bozo);
  EXPECT_FALSE(feed.bozo_message.empty());
  EXPECT_EQ(feed.items.size(), 1u);
}

TEST(FeedParse, PredefinedEntitiesSurviveAnEarlierError) {
  const auto feed = parse_ok(
      "<rss><channel><item><title>x</b></title></item>"
      "<item><title>Q &amp; A &lt;3</title></item></channel></rss>");
  EXPECT_TRUE(feed.bozo);
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[1].title, "Q & A <3");
}

TEST(FeedParse, WhitespaceBeforeXmlDeclarationIsTolerated) {
  const auto feed = parse_ok(
      "\n  <?xml version=\"1.0\"?><rss><channel><item><guid>a?b=1&amp;c=2</guid>"
      "</item></channel></rss>");
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].id, "a?b=1&c=2");
}

TEST(FeedParse, WellFormedIsNotBozo) {
  const auto feed = parse_ok("<rss><channel><item><title>x</title></item></channel></rss>");
  EXPECT_FALSE(feed.bozo);
}

TEST(FeedParse, HtmlPageIsNotAFeed) {
  auto r = parse_feed(
      "<!DOCTYPE html><html><head><title>Page</title></head><body><p>x<br></body></html>");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotAFeed);
}

TEST(FeedParse, OtherRootIsNotAFeed) {
  auto r = parse_feed("<?xml version=\"1.0\"?><note><item><title>x</title></item></note>");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().kind, ErrorKind::kNotAFeed);
}

TEST(FeedParse, GarbageIsAnError) {
  EXPECT_FALSE(parse_feed("").has_value());
  EXPECT_FALSE(parse_feed("just some words").has_value());
}

// ---- encodings ------------------------------------------------------------------------------

TEST(FeedParse, Utf8BomIsSkipped) {
  const auto feed =
      parse_ok("\xEF\xBB\xBF<rss><channel><title>caf\xC3\xA9</title></channel></rss>");
  EXPECT_EQ(feed.title, "caf\u00e9");
}

TEST(FeedParse, Utf16WithBom) {
  const std::string ascii =
      "<?xml version=\"1.0\" "
      "encoding=\"utf-16\"?><rss><channel><title>w\xE9</title></channel></rss>";
  std::string doc = "\xFF\xFE";
  for (char c : ascii) {
    doc += c;
    doc += '\0';
  }
  const auto feed = parse_ok(doc);
  EXPECT_EQ(feed.title, "w\u00e9");
}

TEST(FeedParse, DeclaredLatin1DecodesAsWindows1252) {
  const auto feed = parse_ok(
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss><channel><title>\x93quoted\x94 "
      "caf\xE9</title>"
      "</channel></rss>");
  EXPECT_EQ(feed.title, "\u201cquoted\u201d caf\u00e9");
}

TEST(FeedParse, HttpCharsetBeatsDeclaration) {
  ParseOptions options;
  options.http_charset = "koi8-r";
  // "\xF0\xD2\xC9\xD7\xC5\xD4" is "Привет" in KOI8-R.
  const auto feed = parse_ok(
      "<?xml version=\"1.0\" "
      "encoding=\"utf-8\"?><rss><channel><title>\xF0\xD2\xC9\xD7\xC5\xD4</title>"
      "</channel></rss>",
      options);
  EXPECT_EQ(feed.title, "\u041f\u0440\u0438\u0432\u0435\u0442");
}

TEST(FeedParse, BomBeatsHttpCharset) {
  ParseOptions options;
  options.http_charset = "iso-8859-1";
  const auto feed =
      parse_ok("\xEF\xBB\xBF<rss><channel><title>caf\xC3\xA9</title></channel></rss>", options);
  EXPECT_EQ(feed.title, "caf\u00e9");
}

TEST(FeedParse, InvalidBytesInUtf8DecodeAsWindows1252) {
  const auto feed = parse_ok("<rss><channel><title>caf\xE9 \xC3\xA9 \x80</title></channel></rss>");
  EXPECT_EQ(feed.title, "caf\u00e9 \u00e9 \u20ac");
}

TEST(FeedParse, LegacyCharsetFromDeclaration) {
  // "\xA4\xA4" is U+4E2D in Big5.
  const auto feed = parse_ok(
      "<?xml version=\"1.0\" "
      "encoding=\"big5\"?><rss><channel><title>\xA4\xA4</title></channel></rss>");
  EXPECT_EQ(feed.title, "\u4e2d");
}

// ---- JSON line ------------------------------------------------------------------------------

TEST(FeedJson, OneLineInOracleSchema) {
  auto r = parse_feed(R"(<rss><channel><title>T</title><item><title>A "q"</title>
<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate></item></channel></rss>)");
  const std::string line = feed_to_json_line("f.xml", r);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_EQ(
      line,
      R"({"file":"f.xml","bozo":false,"feed":{"title":"T","link":null},"items":[{"title":"A \"q\"",)"
      R"("link":null,"id":null,"published":"2003-06-10T04:00:00Z","summary":null,"dateline":null,)"
      R"("agency":null,"lede":null}]})");
}

TEST(FeedJson, ErrorLine) {
  auto r = parse_feed("<html><body>x</body></html>");
  const std::string line = feed_to_json_line("p.html", r);
  EXPECT_NE(line.find(R"("error":"not_a_feed: )"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("items":[])"), std::string::npos);
}

// ---- large CDATA sections (read beside the XML parser, see prepare_markup) ------------------

std::string cdata_item(const std::string& cdata) {
  return "<item><title>t</title><content:encoded><![CDATA[" + cdata +
         "]]></content:encoded></item>";
}

TEST(FeedParse, LargeCdataSectionsReadAsTheParserWould) {
  const std::string filler(400, 'x');
  const std::string head =
      "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>";
  const auto feed = parse_ok(head + cdata_item("<p>one\r\ntwo\rthree &amp; " + filler + "</p>") +
                             "<item><title>u</title><description>before <![CDATA[<b>" + filler +
                             "</b>]]> after</description></item></channel></rss>");
  EXPECT_FALSE(feed.bozo);
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].summary, "one two three & " + filler);
  EXPECT_EQ(feed.items[1].summary, "before " + filler + " after");
}

TEST(FeedParse, CdataOutsideTheRootStaysAnError) {
  const std::string filler(400, 'x');
  const auto feed = parse_ok(
      "<rss><channel><item><title>t</title><description>d</description>"
      "</item></channel></rss><![CDATA[" +
      filler + "]]>");
  EXPECT_TRUE(feed.bozo);
  ASSERT_EQ(feed.items.size(), 1u);
  EXPECT_EQ(feed.items[0].summary, "d");
}

TEST(FeedParse, PlaceholderLookalikeInTheDocumentIsHarmless) {
  const std::string filler(400, 'x');
  const auto feed = parse_ok(
      "<rss xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>"
      "<item><title>t</title><description><?nt-cdata 0?>own</description></item>" +
      cdata_item(filler) + "</channel></rss>");
  ASSERT_EQ(feed.items.size(), 2u);
  EXPECT_EQ(feed.items[0].summary, "own");
  EXPECT_EQ(feed.items[1].summary, filler);
}

}  // namespace
}  // namespace newsticker::app
