#include "query/lexer.h"

#include <cctype>

#include "graph/error.h"

namespace kg::query {

namespace {

bool ident_start(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool ident_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::vector<Token> lex(std::string_view q) {
  std::vector<Token> out;
  size_t i = 0;
  auto push = [&](Tok k, size_t pos, size_t len) {
    out.push_back({k, pos, std::string(q.substr(pos, len))});
    i = pos + len;
  };
  while (i < q.size()) {
    if (!out.empty() && out.back().end == 0) out.back().end = i;
    unsigned char c = q[i];
    if (std::isspace(c)) {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < q.size() && q[i + 1] == '/') {
      while (i < q.size() && q[i] != '\n') ++i;
      continue;
    }
    if (c == '/' && i + 1 < q.size() && q[i + 1] == '*') {
      size_t end = q.find("*/", i + 2);
      if (end == std::string_view::npos) throw QueryError("unterminated comment", i);
      i = end + 2;
      continue;
    }
    size_t start = i;
    if (ident_start(c)) {
      while (i < q.size() && ident_char(q[i])) ++i;
      out.push_back({Tok::kIdent, start, std::string(q.substr(start, i - start))});
      continue;
    }
    if (c == '`') {
      size_t end = q.find('`', i + 1);
      if (end == std::string_view::npos) throw QueryError("unterminated `quoted name`", i);
      out.push_back({Tok::kIdent, start, std::string(q.substr(i + 1, end - i - 1)), true});
      i = end + 1;
      continue;
    }
    if (c == '$') {
      ++i;
      while (i < q.size() && ident_char(q[i])) ++i;
      if (i == start + 1) throw QueryError("expected a parameter name after '$'", start);
      out.push_back({Tok::kParam, start, std::string(q.substr(start + 1, i - start - 1))});
      continue;
    }
    if (std::isdigit(c) || (c == '.' && i + 1 < q.size() && std::isdigit((unsigned char)q[i + 1]) &&
                            !(i > 0 && q[i - 1] == '.'))) {
      bool is_float = false;
      while (i < q.size() && std::isdigit((unsigned char)q[i])) ++i;
      // "1..3" is a range, not the float "1." followed by ".3".
      if (i + 1 < q.size() && q[i] == '.' && std::isdigit((unsigned char)q[i + 1])) {
        is_float = true;
        ++i;
        while (i < q.size() && std::isdigit((unsigned char)q[i])) ++i;
      }
      if (i < q.size() && (q[i] == 'e' || q[i] == 'E')) {
        size_t j = i + 1;
        if (j < q.size() && (q[j] == '+' || q[j] == '-')) ++j;
        if (j < q.size() && std::isdigit((unsigned char)q[j])) {
          is_float = true;
          i = j;
          while (i < q.size() && std::isdigit((unsigned char)q[i])) ++i;
        }
      }
      if (i < q.size() && ident_start(q[i])) throw QueryError("invalid number", start);
      out.push_back({is_float ? Tok::kFloat : Tok::kInteger, start,
                     std::string(q.substr(start, i - start))});
      continue;
    }
    if (c == '\'' || c == '"') {
      std::string value;
      ++i;
      for (;;) {
        if (i >= q.size()) throw QueryError("unterminated string", start);
        char d = q[i];
        if (d == static_cast<char>(c)) {
          ++i;
          break;
        }
        if (d != '\\') {
          value += d;
          ++i;
          continue;
        }
        if (i + 1 >= q.size()) throw QueryError("unterminated string", start);
        char e = q[i + 1];
        i += 2;
        switch (e) {
          case 'n': value += '\n'; break;
          case 't': value += '\t'; break;
          case 'r': value += '\r'; break;
          case 'b': value += '\b'; break;
          case 'f': value += '\f'; break;
          case '\\': value += '\\'; break;
          case '\'': value += '\''; break;
          case '"': value += '"'; break;
          case 'u': {
            if (i + 4 > q.size()) throw QueryError("bad \\u escape", i - 2);
            uint32_t cp = 0;
            for (int k = 0; k < 4; ++k) {
              char h = q[i + k];
              if (!std::isxdigit((unsigned char)h)) throw QueryError("bad \\u escape", i - 2);
              cp = cp * 16 + (std::isdigit((unsigned char)h) ? h - '0' : (std::tolower(h) - 'a' + 10));
            }
            i += 4;
            append_utf8(value, cp);
            break;
          }
          default: throw QueryError(std::string("unknown escape \\") + e, i - 2);
        }
      }
      out.push_back({Tok::kString, start, std::move(value)});
      continue;
    }
    auto two = [&](char a, char b) { return c == a && i + 1 < q.size() && q[i + 1] == b; };
    if (two('.', '.')) { push(Tok::kDotDot, start, 2); continue; }
    if (two('<', '>')) { push(Tok::kNeq, start, 2); continue; }
    if (two('!', '=')) { push(Tok::kNeq, start, 2); continue; }
    if (two('<', '=')) { push(Tok::kLe, start, 2); continue; }
    if (two('>', '=')) { push(Tok::kGe, start, 2); continue; }
    if (two('=', '~')) { push(Tok::kRegexMatch, start, 2); continue; }
    Tok k;
    switch (c) {
      case '(': k = Tok::kLParen; break;
      case ')': k = Tok::kRParen; break;
      case '[': k = Tok::kLBracket; break;
      case ']': k = Tok::kRBracket; break;
      case '{': k = Tok::kLBrace; break;
      case '}': k = Tok::kRBrace; break;
      case ',': k = Tok::kComma; break;
      case '.': k = Tok::kDot; break;
      case ':': k = Tok::kColon; break;
      case '|': k = Tok::kPipe; break;
      case ';': k = Tok::kSemicolon; break;
      case '=': k = Tok::kEq; break;
      case '<': k = Tok::kLt; break;
      case '>': k = Tok::kGt; break;
      case '+': k = Tok::kPlus; break;
      case '-': k = Tok::kMinus; break;
      case '*': k = Tok::kStar; break;
      case '/': k = Tok::kSlash; break;
      case '%': k = Tok::kPercent; break;
      case '^': k = Tok::kCaret; break;
      default:
        throw QueryError("unexpected character '" + std::string(q.substr(start, 1)) + "'", start);
    }
    push(k, start, 1);
  }
  if (!out.empty() && out.back().end == 0) out.back().end = i;
  out.push_back({Tok::kEnd, q.size(), "", false, q.size()});
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower((unsigned char)a[i]) != std::tolower((unsigned char)b[i])) return false;
  return true;
}

std::string_view tok_name(Tok t) {
  switch (t) {
    case Tok::kIdent: return "a name";
    case Tok::kInteger: return "an integer";
    case Tok::kFloat: return "a number";
    case Tok::kString: return "a string";
    case Tok::kParam: return "a parameter";
    case Tok::kLParen: return "'('";
    case Tok::kRParen: return "')'";
    case Tok::kLBracket: return "'['";
    case Tok::kRBracket: return "']'";
    case Tok::kLBrace: return "'{'";
    case Tok::kRBrace: return "'}'";
    case Tok::kComma: return "','";
    case Tok::kDot: return "'.'";
    case Tok::kDotDot: return "'..'";
    case Tok::kColon: return "':'";
    case Tok::kPipe: return "'|'";
    case Tok::kSemicolon: return "';'";
    case Tok::kEq: return "'='";
    case Tok::kNeq: return "'<>'";
    case Tok::kLt: return "'<'";
    case Tok::kGt: return "'>'";
    case Tok::kLe: return "'<='";
    case Tok::kGe: return "'>='";
    case Tok::kRegexMatch: return "'=~'";
    case Tok::kPlus: return "'+'";
    case Tok::kMinus: return "'-'";
    case Tok::kStar: return "'*'";
    case Tok::kSlash: return "'/'";
    case Tok::kPercent: return "'%'";
    case Tok::kCaret: return "'^'";
    case Tok::kEnd: return "the end of the query";
  }
  return "?";
}

}  // namespace kg::query
