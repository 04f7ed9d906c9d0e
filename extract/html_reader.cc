// The visible text of a web page, through gumbo's HTML5 parser: block
// elements become line breaks (cleaning works line by line), and the parts of
// a page that are never the article (scripts, styles, navigation, headers of
// the site, footers, forms, lists made of links alone) are dropped with
// everything inside them.
#include <gumbo.h>

#include <cstring>
#include <vector>

#include "extract/reader.h"

namespace kg {

namespace {

bool is_dropped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_ASIDE:
      return true;
    default:
      return false;
  }
}

bool is_blank(const GumboNode* n) {
  return n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_COMMENT;
}

// A list whose every item is one link and nothing else is a menu or a list
// of other pages (<ul class="nav">, "Related news"), whatever its markup
// calls it: never the article.
bool is_link_list(const GumboNode* node) {
  GumboTag tag = node->v.element.tag;
  if (tag != GUMBO_TAG_UL && tag != GUMBO_TAG_OL) return false;
  const GumboVector& items = node->v.element.children;
  unsigned links = 0;
  for (unsigned i = 0; i < items.length; ++i) {
    auto* li = static_cast<const GumboNode*>(items.data[i]);
    if (is_blank(li)) continue;
    if (li->type != GUMBO_NODE_ELEMENT || li->v.element.tag != GUMBO_TAG_LI) return false;
    unsigned inside = 0;
    bool link = false;
    for (unsigned k = 0; k < li->v.element.children.length; ++k) {
      auto* c = static_cast<const GumboNode*>(li->v.element.children.data[k]);
      if (is_blank(c)) continue;
      ++inside;
      link = c->type == GUMBO_NODE_ELEMENT && c->v.element.tag == GUMBO_TAG_A;
    }
    if (inside != 1 || !link) return false;
    ++links;
  }
  return links >= 2;
}

bool is_inline(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_A:
    case GUMBO_TAG_ABBR:
    case GUMBO_TAG_B:
    case GUMBO_TAG_BDI:
    case GUMBO_TAG_BDO:
    case GUMBO_TAG_CITE:
    case GUMBO_TAG_CODE:
    case GUMBO_TAG_DATA:
    case GUMBO_TAG_DFN:
    case GUMBO_TAG_EM:
    case GUMBO_TAG_I:
    case GUMBO_TAG_KBD:
    case GUMBO_TAG_MARK:
    case GUMBO_TAG_Q:
    case GUMBO_TAG_S:
    case GUMBO_TAG_SAMP:
    case GUMBO_TAG_SMALL:
    case GUMBO_TAG_SPAN:
    case GUMBO_TAG_STRONG:
    case GUMBO_TAG_SUB:
    case GUMBO_TAG_SUP:
    case GUMBO_TAG_TIME:
    case GUMBO_TAG_U:
    case GUMBO_TAG_VAR:
    case GUMBO_TAG_FONT:
    case GUMBO_TAG_LABEL:
      return true;
    default:
      return false;
  }
}

void append_text(const char* p, std::string& out) {
  // Whitespace inside markup is layout, not text: one space.
  for (; *p; ++p) {
    bool space = *p == ' ' || *p == '\n' || *p == '\t' || *p == '\r' || *p == '\f';
    if (!space)
      out += *p;
    else if (!out.empty() && out.back() != ' ' && out.back() != '\n')
      out += ' ';
  }
}

void line_break(std::string& out) {
  if (!out.empty() && out.back() != '\n') out += '\n';
}

const GumboVector* children_of(const GumboNode* node) {
  if (node->type == GUMBO_NODE_ELEMENT) return &node->v.element.children;
  if (node->type == GUMBO_NODE_DOCUMENT) return &node->v.document.children;
  return nullptr;
}

// Depth-first with an explicit stack: a hostile page nested a million
// levels deep must not overflow the call stack.
void walk(const GumboNode* root, std::string& out) {
  struct Frame {
    const GumboNode* node;
    unsigned next_child;
    bool block;
  };
  std::vector<Frame> stack{{root, 0, false}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    const GumboVector* children = children_of(f.node);
    if (!children || f.next_child == children->length) {
      if (f.block) line_break(out);
      stack.pop_back();
      continue;
    }
    auto* c = static_cast<const GumboNode*>(children->data[f.next_child++]);
    if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_CDATA ||
        c->type == GUMBO_NODE_WHITESPACE) {
      append_text(c->v.text.text, out);
    } else if (c->type == GUMBO_NODE_ELEMENT && !is_dropped(c->v.element.tag) && !is_link_list(c)) {
      if (c->v.element.tag == GUMBO_TAG_BR) {
        out += '\n';
        continue;
      }
      bool block = !is_inline(c->v.element.tag);
      if (block) line_break(out);
      stack.push_back({c, 0, block});
    }
  }
}

std::string text_of(const GumboNode* node) {
  std::string out;
  if (node->type == GUMBO_NODE_ELEMENT) {
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      auto* c = static_cast<const GumboNode*>(children.data[i]);
      if (c->type == GUMBO_NODE_TEXT) out += c->v.text.text;
    }
  }
  return out;
}

// <title>, <meta name|property=... content=...> and <html lang> anywhere.
void metadata_of(const GumboNode* node, RawArticle& a) {
  if (node->type != GUMBO_NODE_ELEMENT) return;
  const GumboElement& e = node->v.element;
  if (e.tag == GUMBO_TAG_TITLE && a.title.empty()) a.title = text_of(node);
  if (e.tag == GUMBO_TAG_HTML) {
    if (const GumboAttribute* lang = gumbo_get_attribute(&e.attributes, "lang"))
      a.lang = lang->value;
  }
  if (e.tag == GUMBO_TAG_META) {
    const GumboAttribute* name = gumbo_get_attribute(&e.attributes, "name");
    if (!name) name = gumbo_get_attribute(&e.attributes, "property");
    const GumboAttribute* content = gumbo_get_attribute(&e.attributes, "content");
    if (name && content) {
      std::string n = name->value;
      for (auto& c : n) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (a.date.empty() && (n == "date" || n == "pubdate" || n == "publishdate" ||
                             n == "article:published_time" || n == "dc.date"))
        a.date = content->value;
      if (n == "og:title" && a.title.empty()) a.title = content->value;
      if (n == "og:url" && a.url.empty()) a.url = content->value;
    }
  }
}

void metadata(const GumboNode* root, RawArticle& a) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    metadata_of(n, a);
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    const GumboVector& ch = n->v.element.children;
    for (unsigned i = ch.length; i-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(ch.data[i]));
  }
}

}  // namespace

RawArticle read_html(const std::string& html, const std::string& id) {
  RawArticle a;
  a.id = id;
  // Parse errors are not recorded: gumbo copies the open-element stack into
  // each one, so a page of 100,000 unclosed <div>s would take tens of GB.
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 0;
  GumboOutput* out = gumbo_parse_with_options(&options, html.data(), html.size());
  metadata(out->root, a);
  walk(out->document, a.text);
  gumbo_destroy_output(&options, out);
  // Trim the title: markup whitespace is layout.
  size_t b = a.title.find_first_not_of(" \t\r\n"), e = a.title.find_last_not_of(" \t\r\n");
  a.title = b == std::string::npos ? "" : a.title.substr(b, e - b + 1);
  return a;
}

}  // namespace kg
