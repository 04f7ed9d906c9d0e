// Splits a query into tokens, each with its byte offset in the query so that
// every later error can point at it. Keywords are not special here: they are
// identifiers, matched case-insensitively by the parser, so `name` or `count`
// stay usable as property keys and function names.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kg::query {

enum class Tok : uint8_t {
  kIdent,      // name, or `quoted name`
  kInteger,
  kFloat,
  kString,     // text holds the unescaped value
  kParam,      // $name: text holds the name
  kLParen, kRParen, kLBracket, kRBracket, kLBrace, kRBrace,
  kComma, kDot, kDotDot, kColon, kPipe, kSemicolon,
  kEq, kNeq, kLt, kGt, kLe, kGe, kRegexMatch,  // = <> < > <= >= =~
  kPlus, kMinus, kStar, kSlash, kPercent, kCaret,
  kEnd,
};

struct Token {
  Tok kind;
  size_t pos;        // byte offset of the first character
  std::string text;  // identifier, literal or parameter text
  bool quoted = false;  // a `backtick` identifier: never a keyword
  size_t end = 0;       // byte offset just past the last character
};

// Throws QueryError at the offending offset for an unterminated string or
// comment, a bad escape, or a character that starts no token.
std::vector<Token> lex(std::string_view query);

std::string_view tok_name(Tok t);

// ASCII case-insensitive equality: keywords, function and procedure names.
bool iequals(std::string_view a, std::string_view b);

}  // namespace kg::query
