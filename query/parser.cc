// The parser reads tokens left to right with one token of lookahead, except
// in one place: a '(' in an expression may open a parenthesised expression
// or a pattern predicate such as (a)-[:SIGNED]-(b). There it tries the
// pattern first and backs up if no relationship follows the first node.
#include "query/parser.h"

#include <charconv>
#include <cstring>
#include <unordered_set>

#include "graph/error.h"
#include "query/lexer.h"

namespace kg::query {

namespace {

// Words that end or join expressions: never a variable or function name
// unless `quoted`.
constexpr const char* kReserved[] = {"MATCH", "OPTIONAL", "WHERE", "RETURN", "WITH", "UNWIND", "CALL",
                                     "YIELD", "ORDER", "SKIP", "LIMIT", "AND", "OR", "XOR", "AS",
                                     "DISTINCT", "IN", "IS", "STARTS", "ENDS", "CONTAINS", "WHEN",
                                     "THEN", "ELSE", "END", "UNION", "CREATE", "MERGE", "DELETE", "SET"};

constexpr const char* kWriteClauses[] = {"CREATE", "MERGE", "DELETE", "DETACH", "SET",
                                         "REMOVE", "FOREACH", "LOAD", "DROP"};

class Parser {
 public:
  Parser(std::string_view text) : text_(text), toks_(lex(text)) {}

  Query parse_query() {
    Query q;
    if (keyword("EXPLAIN")) q.explain = true;
    else if (keyword("PROFILE")) q.profile = true;
    while (peek().kind != Tok::kEnd && peek().kind != Tok::kSemicolon) {
      q.clauses.push_back(parse_clause());
      if (q.clauses.back().kind == ClauseKind::kReturn) break;
    }
    if (peek().kind == Tok::kSemicolon) next();
    if (peek().kind != Tok::kEnd) {
      if (!q.clauses.empty() && q.clauses.back().kind == ClauseKind::kReturn)
        fail("RETURN must be the last clause");
      fail("expected a clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, CALL or RETURN)");
    }
    if (q.clauses.empty()) fail("expected a clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, CALL or RETURN)");
    const Clause& last = q.clauses.back();
    bool standalone_call = q.clauses.size() == 1 && last.kind == ClauseKind::kCall;
    if (last.kind != ClauseKind::kReturn && !standalone_call)
      throw QueryError("a query must end with RETURN", peek().pos);
    for (const Clause& c : q.clauses)
      if (c.kind == ClauseKind::kCall && c.yield_all && !standalone_call)
        throw QueryError("CALL inside a query needs YIELD", c.pos);
    return q;
  }

 private:
  // --- tokens -------------------------------------------------------------
  const Token& peek(size_t k = 0) const { return toks_[std::min(i_ + k, toks_.size() - 1)]; }
  const Token& next() { return toks_[i_ < toks_.size() - 1 ? i_++ : i_]; }
  bool at(Tok k) const { return peek().kind == k; }
  bool accept(Tok k) {
    if (!at(k)) return false;
    next();
    return true;
  }
  bool is_keyword(const Token& t, std::string_view kw) const {
    return t.kind == Tok::kIdent && !t.quoted && iequals(t.text, kw);
  }
  bool keyword(std::string_view kw) {
    if (!is_keyword(peek(), kw)) return false;
    next();
    return true;
  }
  [[noreturn]] void fail(const std::string& what) const { throw QueryError(what, peek().pos); }
  const Token& expect(Tok k, std::string_view where) {
    if (!at(k)) fail("expected " + std::string(tok_name(k)) + " " + std::string(where));
    return next();
  }
  void expect_keyword(std::string_view kw, std::string_view where) {
    if (!keyword(kw)) fail("expected " + std::string(kw) + " " + std::string(where));
  }
  std::string name(std::string_view what) {
    if (!at(Tok::kIdent)) fail("expected " + std::string(what));
    return next().text;
  }

  struct DepthGuard {
    Parser* p;
    explicit DepthGuard(Parser* parser) : p(parser) {
      if (++p->depth_ > kMaxDepth)
        throw QueryError("query nests deeper than " + std::to_string(kMaxDepth) + " levels",
                         p->peek().pos);
    }
    ~DepthGuard() { --p->depth_; }
  };

  // --- clauses ------------------------------------------------------------
  Clause parse_clause() {
    Clause c;
    c.pos = peek().pos;
    for (const char* w : kWriteClauses)
      if (is_keyword(peek(), w))
        fail("kg queries are read-only: " + std::string(w) + " is not supported");
    if (is_keyword(peek(), "UNION")) fail("UNION is not supported");
    if (keyword("OPTIONAL")) {
      expect_keyword("MATCH", "after OPTIONAL");
      c.optional = true;
      parse_match(c);
    } else if (keyword("MATCH")) {
      parse_match(c);
    } else if (keyword("UNWIND")) {
      c.kind = ClauseKind::kUnwind;
      c.unwind_expr = parse_expr();
      expect_keyword("AS", "after the UNWIND expression");
      c.unwind_alias = name("a variable name after AS");
    } else if (keyword("WITH")) {
      c.kind = ClauseKind::kWith;
      parse_projection(c);
      if (keyword("WHERE")) c.where = parse_expr();
    } else if (keyword("RETURN")) {
      c.kind = ClauseKind::kReturn;
      parse_projection(c);
    } else if (keyword("CALL")) {
      parse_call(c);
    } else {
      fail("expected a clause (MATCH, OPTIONAL MATCH, WITH, UNWIND, CALL or RETURN)");
    }
    return c;
  }

  void parse_match(Clause& c) {
    c.kind = ClauseKind::kMatch;
    do c.patterns.push_back(parse_pattern());
    while (accept(Tok::kComma));
    if (keyword("WHERE")) c.where = parse_expr();
  }

  void parse_projection(Clause& c) {
    if (keyword("DISTINCT")) c.distinct = true;
    if (accept(Tok::kStar)) {
      c.star = true;
      if (!accept(Tok::kComma)) goto tail;
    }
    do {
      ReturnItem item;
      item.pos = peek().pos;
      item.expr = parse_expr();
      size_t end = toks_[i_ - 1].end;
      if (keyword("AS")) {
        item.alias = name("a name after AS");
        item.has_alias = true;
      } else {
        item.alias = std::string(text_.substr(item.pos, end - item.pos));
      }
      c.items.push_back(std::move(item));
    } while (accept(Tok::kComma));
  tail:
    if (keyword("ORDER")) {
      expect_keyword("BY", "after ORDER");
      do {
        SortItem s;
        s.expr = parse_expr();
        if (keyword("DESC") || keyword("DESCENDING")) s.descending = true;
        else if (keyword("ASC") || keyword("ASCENDING")) s.descending = false;
        c.order_by.push_back(std::move(s));
      } while (accept(Tok::kComma));
    }
    if (keyword("SKIP")) c.skip = parse_expr();
    if (keyword("LIMIT")) c.limit = parse_expr();
  }

  void parse_call(Clause& c) {
    c.kind = ClauseKind::kCall;
    c.procedure = name("a procedure name after CALL");
    while (accept(Tok::kDot)) c.procedure += "." + name("a procedure name after '.'");
    expect(Tok::kLParen, "after the procedure name");
    if (!at(Tok::kRParen)) {
      do c.call_args.push_back(parse_expr());
      while (accept(Tok::kComma));
    }
    expect(Tok::kRParen, "after the procedure's arguments");
    if (keyword("YIELD")) {
      do {
        YieldItem y;
        y.pos = peek().pos;
        y.column = name("a column name after YIELD");
        y.alias = keyword("AS") ? name("a name after AS") : y.column;
        c.yields.push_back(std::move(y));
      } while (accept(Tok::kComma));
      if (keyword("WHERE")) c.where = parse_expr();
    } else {
      c.yield_all = true;
    }
  }

  // --- patterns -----------------------------------------------------------
  Pattern parse_pattern() {
    DepthGuard guard(this);
    Pattern p;
    p.pos = peek().pos;
    if (at(Tok::kIdent) && peek(1).kind == Tok::kEq) {
      p.path_var = next().text;
      next();
    }
    if (keyword("shortestPath")) p.kind = PathKind::kShortest;
    else if (keyword("allShortestPaths")) p.kind = PathKind::kAllShortest;
    if (p.kind != PathKind::kPlain) expect(Tok::kLParen, "after shortestPath");
    parse_chain(p);
    if (p.kind != PathKind::kPlain) {
      expect(Tok::kRParen, "after the shortest path pattern");
      if (p.rels.size() != 1) throw QueryError("shortestPath takes a pattern with one relationship", p.pos);
    }
    return p;
  }

  void parse_chain(Pattern& p) {
    p.nodes.push_back(parse_node());
    while (at(Tok::kMinus) || (at(Tok::kLt) && peek(1).kind == Tok::kMinus)) {
      p.rels.push_back(parse_rel());
      p.nodes.push_back(parse_node());
    }
  }

  NodePattern parse_node() {
    NodePattern n;
    n.pos = peek().pos;
    expect(Tok::kLParen, "to start a node pattern");
    if (at(Tok::kIdent)) n.var = next().text;
    while (accept(Tok::kColon)) n.labels.push_back(name("a label after ':'"));
    if (at(Tok::kLBrace)) n.props = parse_props();
    expect(Tok::kRParen, "after node pattern");
    return n;
  }

  RelPattern parse_rel() {
    RelPattern r;
    r.pos = peek().pos;
    bool left = accept(Tok::kLt);
    expect(Tok::kMinus, "in relationship pattern");
    if (accept(Tok::kLBracket)) {
      if (at(Tok::kIdent)) r.var = next().text;
      if (accept(Tok::kColon)) {
        do {
          accept(Tok::kColon);  // [:A|:B] is accepted as [:A|B]
          r.types.push_back(name("a relationship type"));
        } while (accept(Tok::kPipe));
      }
      if (accept(Tok::kStar)) parse_range(r);
      if (at(Tok::kLBrace)) r.props = parse_props();
      expect(Tok::kRBracket, "after relationship pattern");
    }
    expect(Tok::kMinus, "after relationship pattern");
    bool right = accept(Tok::kGt);
    if (left && right) throw QueryError("a relationship cannot point both ways", r.pos);
    r.dir = left ? Direction::kIn : right ? Direction::kOut : Direction::kBoth;
    return r;
  }

  int hop_count() {
    const Token& t = expect(Tok::kInteger, "in variable-length range");
    int v = 0;
    auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
    if (ec != std::errc() || v < 0) throw QueryError("hop count out of range", t.pos);
    return v;
  }

  void parse_range(RelPattern& r) {
    r.var_length = true;
    if (at(Tok::kInteger)) {
      r.min_hops = hop_count();
      if (accept(Tok::kDotDot)) {
        if (at(Tok::kInteger)) r.max_hops = hop_count();
      } else {
        r.max_hops = r.min_hops;
      }
    } else if (accept(Tok::kDotDot)) {
      r.max_hops = hop_count();
    }
    if (r.max_hops && *r.max_hops < r.min_hops)
      throw QueryError("variable-length range has its upper bound below its lower bound", r.pos);
  }

  std::vector<PropEntry> parse_props() {
    expect(Tok::kLBrace, "");
    std::vector<PropEntry> out;
    if (!at(Tok::kRBrace)) {
      do {
        PropEntry e;
        e.key = name("a property name");
        expect(Tok::kColon, "after property name");
        e.value = parse_expr();
        out.push_back(std::move(e));
      } while (accept(Tok::kComma));
    }
    expect(Tok::kRBrace, "after properties");
    return out;
  }

  // --- expressions ---------------------------------------------------------
  ExprPtr parse_expr() {
    DepthGuard guard(this);
    return parse_or();
  }

  ExprPtr binary(BinOp op, ExprPtr a, ExprPtr b, size_t pos) {
    auto e = make_expr(ExprKind::kBinary, pos);
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  ExprPtr parse_or() {
    auto e = parse_xor();
    while (is_keyword(peek(), "OR")) {
      size_t pos = next().pos;
      e = binary(BinOp::kOr, std::move(e), parse_xor(), pos);
    }
    return e;
  }
  ExprPtr parse_xor() {
    auto e = parse_and();
    while (is_keyword(peek(), "XOR")) {
      size_t pos = next().pos;
      e = binary(BinOp::kXor, std::move(e), parse_and(), pos);
    }
    return e;
  }
  ExprPtr parse_and() {
    auto e = parse_not();
    while (is_keyword(peek(), "AND")) {
      size_t pos = next().pos;
      e = binary(BinOp::kAnd, std::move(e), parse_not(), pos);
    }
    return e;
  }
  ExprPtr parse_not() {
    if (is_keyword(peek(), "NOT")) {
      DepthGuard guard(this);
      auto e = make_expr(ExprKind::kNot, next().pos);
      e->args.push_back(parse_not());
      return e;
    }
    return parse_comparison();
  }

  ExprPtr parse_comparison() {
    auto e = parse_additive();
    for (;;) {
      size_t pos = peek().pos;
      BinOp op;
      if (accept(Tok::kEq)) op = BinOp::kEq;
      else if (accept(Tok::kNeq)) op = BinOp::kNeq;
      else if (accept(Tok::kLt)) op = BinOp::kLt;
      else if (accept(Tok::kGt)) op = BinOp::kGt;
      else if (accept(Tok::kLe)) op = BinOp::kLe;
      else if (accept(Tok::kGe)) op = BinOp::kGe;
      else if (accept(Tok::kRegexMatch)) op = BinOp::kRegex;
      else if (keyword("IN")) op = BinOp::kIn;
      else if (keyword("CONTAINS")) op = BinOp::kContains;
      else if (keyword("STARTS")) {
        expect_keyword("WITH", "after STARTS");
        op = BinOp::kStartsWith;
      } else if (keyword("ENDS")) {
        expect_keyword("WITH", "after ENDS");
        op = BinOp::kEndsWith;
      } else if (keyword("IS")) {
        bool negated = keyword("NOT");
        expect_keyword("NULL", negated ? "after IS NOT" : "after IS");
        auto n = make_expr(negated ? ExprKind::kIsNotNull : ExprKind::kIsNull, pos);
        n->args.push_back(std::move(e));
        e = std::move(n);
        continue;
      } else {
        return e;
      }
      e = binary(op, std::move(e), parse_additive(), pos);
    }
  }

  ExprPtr parse_additive() {
    auto e = parse_multiplicative();
    for (;;) {
      size_t pos = peek().pos;
      if (accept(Tok::kPlus)) e = binary(BinOp::kAdd, std::move(e), parse_multiplicative(), pos);
      else if (accept(Tok::kMinus)) e = binary(BinOp::kSub, std::move(e), parse_multiplicative(), pos);
      else return e;
    }
  }
  ExprPtr parse_multiplicative() {
    auto e = parse_power();
    for (;;) {
      size_t pos = peek().pos;
      if (accept(Tok::kStar)) e = binary(BinOp::kMul, std::move(e), parse_power(), pos);
      else if (accept(Tok::kSlash)) e = binary(BinOp::kDiv, std::move(e), parse_power(), pos);
      else if (accept(Tok::kPercent)) e = binary(BinOp::kMod, std::move(e), parse_power(), pos);
      else return e;
    }
  }
  ExprPtr parse_power() {
    auto e = parse_unary();
    while (at(Tok::kCaret)) {
      size_t pos = next().pos;
      e = binary(BinOp::kPow, std::move(e), parse_unary(), pos);
    }
    return e;
  }
  ExprPtr parse_unary() {
    if (at(Tok::kMinus) || at(Tok::kPlus)) {
      DepthGuard guard(this);
      bool neg = at(Tok::kMinus);
      size_t pos = next().pos;
      auto inner = parse_unary();
      if (!neg) return inner;
      // Fold -literal so that -9223372036854775808 and printing round-trip.
      if (inner->kind == ExprKind::kLiteral && inner->value.kind() == QValue::Kind::kFloat) {
        inner->value = QValue(-inner->value.as_double());
        inner->pos = pos;
        return inner;
      }
      auto e = make_expr(ExprKind::kNeg, pos);
      e->args.push_back(std::move(inner));
      return e;
    }
    return parse_postfix();
  }

  ExprPtr parse_postfix() {
    auto e = parse_atom();
    for (;;) {
      if (at(Tok::kDot)) {
        size_t pos = next().pos;
        auto p = make_expr(ExprKind::kProperty, pos);
        p->name = name("a property name after '.'");
        p->args.push_back(std::move(e));
        e = std::move(p);
      } else if (at(Tok::kLBracket)) {
        DepthGuard guard(this);
        size_t pos = next().pos;
        ExprPtr from, to;
        if (!at(Tok::kDotDot)) from = parse_expr();
        if (accept(Tok::kDotDot)) {
          if (!at(Tok::kRBracket)) to = parse_expr();
          auto s = make_expr(ExprKind::kSlice, pos);
          s->args.push_back(std::move(e));
          s->args.push_back(from ? std::move(from) : make_expr(ExprKind::kLiteral, pos));
          s->args.push_back(to ? std::move(to) : make_expr(ExprKind::kLiteral, pos));
          e = std::move(s);
        } else {
          if (!from) fail("expected an index expression");
          auto s = make_expr(ExprKind::kIndex, pos);
          s->args.push_back(std::move(e));
          s->args.push_back(std::move(from));
          e = std::move(s);
        }
        expect(Tok::kRBracket, "after index");
      } else {
        return e;
      }
    }
  }

  ExprPtr parse_atom() {
    const Token& t = peek();
    size_t pos = t.pos;
    switch (t.kind) {
      case Tok::kInteger: {
        next();
        int64_t v = 0;
        auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
        if (ec != std::errc()) {
          // Only -9223372036854775808 has no positive twin.
          if (t.text == "9223372036854775808" && i_ >= 2 && toks_[i_ - 2].kind == Tok::kMinus)
            throw QueryError("integer literal out of range (write it as a float)", pos);
          throw QueryError("integer literal out of range", pos);
        }
        auto e = make_expr(ExprKind::kLiteral, pos);
        e->value = QValue(v);
        return e;
      }
      case Tok::kFloat: {
        next();
        auto e = make_expr(ExprKind::kLiteral, pos);
        e->value = QValue(std::strtod(t.text.c_str(), nullptr));
        return e;
      }
      case Tok::kString: {
        next();
        auto e = make_expr(ExprKind::kLiteral, pos);
        e->value = QValue(t.text);
        return e;
      }
      case Tok::kParam: {
        next();
        auto e = make_expr(ExprKind::kParam, pos);
        e->name = t.text;
        return e;
      }
      case Tok::kLBracket: {
        DepthGuard guard(this);
        next();
        auto e = make_expr(ExprKind::kList, pos);
        if (!at(Tok::kRBracket)) {
          do e->args.push_back(parse_expr());
          while (accept(Tok::kComma));
        }
        expect(Tok::kRBracket, "after list");
        return e;
      }
      case Tok::kLBrace: {
        DepthGuard guard(this);
        next();
        auto e = make_expr(ExprKind::kMap, pos);
        if (!at(Tok::kRBrace)) {
          do {
            e->keys.push_back(name("a key in map literal"));
            expect(Tok::kColon, "after map key");
            e->args.push_back(parse_expr());
          } while (accept(Tok::kComma));
        }
        expect(Tok::kRBrace, "after map literal");
        return e;
      }
      case Tok::kLParen: {
        if (auto p = try_pattern()) return p;
        DepthGuard guard(this);
        next();
        auto e = parse_expr();
        expect(Tok::kRParen, "after parenthesised expression");
        return e;
      }
      case Tok::kIdent: break;
      default: fail("expected an expression");
    }
    // Identifiers: literals, CASE, function calls, variables.
    if (!t.quoted) {
      if (is_keyword(t, "true") || is_keyword(t, "false")) {
        next();
        auto e = make_expr(ExprKind::kLiteral, pos);
        e->value = QValue(iequals(t.text, "true"));
        return e;
      }
      if (is_keyword(t, "null")) {
        next();
        return make_expr(ExprKind::kLiteral, pos);
      }
      if (is_keyword(t, "CASE")) return parse_case();
      if (is_keyword(t, "exists") && peek(1).kind == Tok::kLParen) {
        next();
        next();
        auto p = try_pattern();
        if (!p) fail("expected a pattern inside exists()");
        expect(Tok::kRParen, "after exists pattern");
        return p;
      }
    }
    if (!t.quoted)
      for (const char* kw : kReserved)
        if (is_keyword(t, kw)) fail("expected an expression, found the keyword " + std::string(kw));
    std::string fname = next().text;
    if (at(Tok::kDot) && peek(1).kind == Tok::kIdent && peek(2).kind == Tok::kLParen) {
      // a dotted function name, as in kg.something(...)
      next();
      fname += "." + next().text;
    }
    if (!at(Tok::kLParen)) {
      auto e = make_expr(ExprKind::kVar, pos);
      e->name = fname;
      return e;
    }
    DepthGuard guard(this);
    next();
    if (iequals(fname, "count") && at(Tok::kStar)) {
      next();
      expect(Tok::kRParen, "after count(*");
      return make_expr(ExprKind::kCountStar, pos);
    }
    auto e = make_expr(ExprKind::kCall, pos);
    e->name = fname;
    if (keyword("DISTINCT")) e->distinct = true;
    if (!at(Tok::kRParen)) {
      do e->args.push_back(parse_expr());
      while (accept(Tok::kComma));
    }
    expect(Tok::kRParen, "after function arguments");
    return e;
  }

  ExprPtr parse_case() {
    DepthGuard guard(this);
    auto e = make_expr(ExprKind::kCase, next().pos);
    if (!is_keyword(peek(), "WHEN")) {
      e->case_has_subject = true;
      e->args.push_back(parse_expr());
    }
    if (!is_keyword(peek(), "WHEN")) fail("expected WHEN in CASE");
    while (keyword("WHEN")) {
      e->args.push_back(parse_expr());
      expect_keyword("THEN", "after WHEN condition");
      e->args.push_back(parse_expr());
    }
    if (keyword("ELSE")) {
      e->case_has_else = true;
      e->args.push_back(parse_expr());
    }
    expect_keyword("END", "to close CASE");
    return e;
  }

  // A pattern predicate when the tokens from here form a node pattern
  // followed by a relationship; otherwise nullptr with the position restored.
  ExprPtr try_pattern() {
    size_t saved = i_;
    // Each '(' is tried as a pattern at most once: without this, nested
    // "({k: (" would be re-parsed on every backtrack, doubling per level.
    if (not_a_pattern_.count(saved)) return nullptr;
    size_t pos = peek().pos;
    auto pattern = std::make_shared<Pattern>();
    pattern->pos = pos;
    try {
      pattern->nodes.push_back(parse_node());
    } catch (const QueryError&) {
      i_ = saved;  // not a node pattern: "(1 + 2)"
      not_a_pattern_.insert(saved);
      return nullptr;
    }
    if (!at_relationship_start(i_)) {
      i_ = saved;  // "(a)" or "(a) - 1"
      not_a_pattern_.insert(saved);
      return nullptr;
    }
    // From here on it is certainly a pattern, and its errors are real.
    while (at(Tok::kMinus) || (at(Tok::kLt) && peek(1).kind == Tok::kMinus)) {
      pattern->rels.push_back(parse_rel());
      pattern->nodes.push_back(parse_node());
    }
    auto e = make_expr(ExprKind::kPattern, pos);
    e->pattern = std::move(pattern);
    return e;
  }

  bool at_relationship_start(size_t k) const {
    // after "(...)": "-[" , "<-", "--" or "->" certainly begin a relationship
    const Token& a = toks_[k];
    const Token& b = toks_[std::min(k + 1, toks_.size() - 1)];
    if (a.kind == Tok::kLt && b.kind == Tok::kMinus) return true;
    return a.kind == Tok::kMinus &&
           (b.kind == Tok::kLBracket || b.kind == Tok::kMinus || b.kind == Tok::kGt);
  }

  std::string_view text_;
  std::vector<Token> toks_;
  size_t i_ = 0;
  int depth_ = 0;
  std::unordered_set<size_t> not_a_pattern_;  // token indexes
};

}  // namespace

Query parse(std::string_view query) {
  if (query.size() > kMaxQueryBytes)
    throw QueryError("query longer than " + std::to_string(kMaxQueryBytes) + " bytes", kMaxQueryBytes);
  Parser p(query);
  return p.parse_query();
}

}  // namespace kg::query
